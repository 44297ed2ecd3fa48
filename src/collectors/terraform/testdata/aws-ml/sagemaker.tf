resource "aws_sagemaker_notebook_instance" "locked" {
  name                   = "locked-notebook"
  role_arn               = "arn:aws:iam::123456789012:role/service-role/nb-exec"
  instance_type          = "ml.t3.medium"
  root_access            = "Disabled"
  direct_internet_access = "Disabled"
  subnet_id              = "subnet-0abc"
  security_groups        = ["sg-0abc"]
  kms_key_id             = "arn:aws:kms:eu-west-1:123456789012:key/1111"
}

resource "aws_sagemaker_model" "fraud" {
  name                     = "fraud-xgb"
  execution_role_arn       = aws_iam_role.ml.arn
  enable_network_isolation = true
  primary_container {
    image          = "acme/xgb@sha256:abcd"
    model_data_url = "s3://fraud-artifacts/xgb/model.tar.gz"
    environment = {
      API_TOKEN = "tok_live_5f2b9c8d7e6a5b4c3d2e1f00"
      MODE      = "batch"
    }
  }
  vpc_config {
    subnets            = ["subnet-0abc"]
    security_group_ids = ["sg-0abc"]
  }
}

resource "aws_sagemaker_endpoint_configuration" "fraud" {
  name        = "fraud-config"
  kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/2222"
  production_variants {
    variant_name = "a"
    model_name   = aws_sagemaker_model.fraud.name
    serverless_config {
      max_concurrency   = 5
      memory_size_in_mb = 2048
    }
  }
}

resource "aws_sagemaker_endpoint" "fraud" {
  name                 = "fraud"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.fraud.name
}

resource "aws_sagemaker_pipeline" "train" {
  pipeline_name         = "fraud-training"
  pipeline_display_name = "fraud-training"
  role_arn              = aws_iam_role.ml.arn
  pipeline_definition = jsonencode({
    Version = "2020-12-01"
    Steps = [{
      Name = "Train"
      Type = "Training"
      Arguments = {
        InputDataConfig = [{
          ChannelName = "train"
          DataSource  = { S3DataSource = { S3Uri = "s3://fraud-data/train/", S3DataType = "S3Prefix" } }
        }]
      }
    }]
  })
}
