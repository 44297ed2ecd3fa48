resource "aws_sagemaker_model" "this" {
  name                     = "${var.name}-model"
  execution_role_arn       = var.execution_role_arn
  enable_network_isolation = false

  primary_container {
    image          = var.image
    model_data_url = var.model_artifact
    environment = {
      SAGEMAKER_PROGRAM = "inference.py"
      LOG_LEVEL         = "info"
    }
  }
}

resource "aws_sagemaker_endpoint_configuration" "this" {
  name        = "${var.name}-config"
  kms_key_arn = var.kms_key_arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.this.name
    instance_type          = var.instance_type
    initial_instance_count = 1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://${var.capture_bucket}/data-capture/${var.name}"
    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }
}

resource "aws_sagemaker_endpoint" "this" {
  name                 = var.name
  endpoint_config_name = aws_sagemaker_endpoint_configuration.this.name
}
