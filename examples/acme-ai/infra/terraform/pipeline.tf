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
