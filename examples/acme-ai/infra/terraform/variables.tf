variable "region" {
  type    = string
  default = "us-east-1"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "data_bucket" {
  description = "Bucket holding training data and model artifacts (read by ml/training/train.py)"
  type        = string
  default     = "acme-ml-data"
}

variable "gcp_project" {
  type    = string
  default = "acme-ml-platform"
}

variable "endpoints" {
  description = "One SageMaker real-time endpoint per model"
  type = map(object({
    instance_type = string
    image         = string
  }))
  default = {
    churn = {
      instance_type = "ml.m5.large"
      image         = "acme/sklearn-inference:1.2-1"
    }
    sentiment = {
      instance_type = "ml.g5.xlarge"
      image         = "acme/huggingface-pytorch-inference:2.1-gpu"
    }
  }
}
