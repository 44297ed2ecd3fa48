resource "aws_s3_bucket" "artifacts" {
  bucket = "fraud-artifacts"
  acl    = "public-read"
}

resource "aws_s3_bucket" "data" {
  bucket = "fraud-data"
}

resource "aws_opensearch_domain" "vectors" {
  domain_name    = "fraud-vectors"
  engine_version = "OpenSearch_2.11"
  encrypt_at_rest {
    enabled = false
  }
  node_to_node_encryption {
    enabled = true
  }
  advanced_security_options {
    enabled                        = false
  }
  access_policies = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "es:*", "Resource": "*" }
  ]
}
POLICY
}

resource "aws_iam_role" "ml" {
  name                = "fraud-ml"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  assume_role_policy  = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "read-data"
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["${aws_s3_bucket.data.arn}/*"] }]
    })
  }
}

resource "aws_bedrock_custom_model" "tuned" {
  custom_model_name     = "fraud-titan"
  job_name              = "fraud-titan-job"
  base_model_identifier = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"
  role_arn              = aws_iam_role.ml.arn
  customization_type    = "FINE_TUNING"
  hyperparameters       = { epochCount = "1" }
  training_data_config {
    s3_uri = "s3://fraud-data/tuning/train.jsonl"
  }
  output_data_config {
    s3_uri = "s3://fraud-artifacts/tuning/"
  }
}

resource "aws_bedrock_provisioned_model_throughput" "tuned" {
  provisioned_model_name = "fraud-titan-pt"
  model_arn              = aws_bedrock_custom_model.tuned.custom_model_arn
  model_units            = 1
  commitment_duration    = "OneMonth"
}
