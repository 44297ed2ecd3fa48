variable "name" {
  type = string
}

variable "root_access" {
  type    = string
  default = "Enabled"
}

resource "aws_sagemaker_notebook_instance" "this" {
  name          = var.name
  role_arn      = "arn:aws:iam::123456789012:role/notebooks"
  instance_type = "ml.t3.medium"
  root_access   = var.root_access
}
