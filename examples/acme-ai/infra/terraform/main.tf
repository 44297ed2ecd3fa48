locals {
  name_prefix = "acme-${var.environment}"
  tags = {
    team        = "ml-platform"
    environment = var.environment
  }
}

# Training data and model artifacts; the Python training code reads s3://acme-ml-data/...
resource "aws_s3_bucket" "ml_data" {
  bucket = var.data_bucket
  tags   = local.tags
}

resource "aws_s3_bucket_public_access_block" "ml_data" {
  bucket                  = aws_s3_bucket.ml_data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket_server_side_encryption_configuration" "ml_data" {
  bucket = aws_s3_bucket.ml_data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "ml_data" {
  bucket = aws_s3_bucket.ml_data.id
  versioning_configuration {
    status = "Suspended"
  }
}

# Knowledge-base documents for the support agent
resource "aws_s3_bucket" "kb_docs" {
  bucket = "${local.name_prefix}-support-kb-docs"
  tags   = local.tags
}

resource "aws_s3_bucket_policy" "kb_docs" {
  bucket = aws_s3_bucket.kb_docs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.kb_docs.arn}/*"
    }]
  })
}

module "sagemaker_endpoint" {
  source   = "./modules/sagemaker-endpoint"
  for_each = var.endpoints

  name               = "${local.name_prefix}-${each.key}"
  image              = each.value.image
  instance_type      = each.value.instance_type
  model_artifact     = "s3://${aws_s3_bucket.ml_data.bucket}/models/${each.key}/model.tar.gz"
  execution_role_arn = aws_iam_role.sagemaker_exec.arn
  capture_bucket     = aws_s3_bucket.ml_data.bucket
}
