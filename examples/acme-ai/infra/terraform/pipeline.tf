# Weekly churn retraining; reads the same s3://acme-ml-data/ prefix as ml/training/train.py
resource "aws_sagemaker_pipeline" "churn_retrain" {
  pipeline_name         = "${local.name_prefix}-churn-retrain"
  pipeline_display_name = "churn-retrain"
  role_arn              = aws_iam_role.sagemaker_exec.arn
  pipeline_definition = jsonencode({
    Version = "2020-12-01"
    Steps = [{
      Name = "TrainChurn"
      Type = "Training"
      Arguments = {
        AlgorithmSpecification = { TrainingImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", TrainingInputMode = "File" }
        ResourceConfig         = { InstanceType = "ml.m5.xlarge", InstanceCount = 2, VolumeSizeInGB = 30 }
        OutputDataConfig       = { S3OutputPath = "s3://${var.data_bucket}/models/churn/" }
        StoppingCondition      = { MaxRuntimeInSeconds = 3600 }
        InputDataConfig = [{
          ChannelName = "train"
          DataSource  = { S3DataSource = { S3Uri = "s3://${var.data_bucket}/churn/train/", S3DataType = "S3Prefix" } }
        }]
      }
    }]
  })
  tags = local.tags
}

# The churn features the retraining pipeline and the live scorer share; the online store uses AWS's own key
resource "aws_sagemaker_feature_group" "churn" {
  feature_group_name             = "acme-prod-churn-features"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = aws_iam_role.sagemaker_exec.arn

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "customer_email"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "tenure_months"
    feature_type = "Integral"
  }
  feature_definition {
    feature_name = "monthly_spend"
    feature_type = "Fractional"
  }

  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://${var.data_bucket}/feature-store/"
    }
  }
  online_store_config {
    enable_online_store = true
  }
}
