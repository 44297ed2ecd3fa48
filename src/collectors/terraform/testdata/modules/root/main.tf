locals {
  prefix = lower("${var.team}-ML")
}

module "data" {
  source   = "./modules/bucket-set"
  for_each = toset(var.buckets)
  name     = "${local.prefix}-${each.key}"
  versioned = each.key == "raw" ? true : false
}

module "registry" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "from-the-registry"
}

resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = format("%s-logs-%s", local.prefix, count.index)
}

resource "aws_iam_role_policy" "owner" {
  role   = var.owner_role
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}

resource "aws_sagemaker_endpoint" "dynamic" {
  name                 = "${var.owner_role}-endpoint"
  endpoint_config_name = "missing-config"
}
