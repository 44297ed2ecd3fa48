variable "name" {
  type = string
}

variable "image" {
  type = string
}

variable "instance_type" {
  type    = string
  default = "ml.m5.large"
}

variable "model_artifact" {
  description = "s3:// URL of model.tar.gz"
  type        = string
}

variable "execution_role_arn" {
  type = string
}

variable "capture_bucket" {
  type = string
}

variable "kms_key_arn" {
  type    = string
  default = null
}
