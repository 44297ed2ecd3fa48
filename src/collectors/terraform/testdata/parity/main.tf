# The same AI estate as ../../../cloudformation/testdata/parity/stack.yaml: both collectors must describe
# it with identical assets, attributes and edges (the shared AWS builders own the mapping).

resource "aws_iam_role" "exec" {
  name = "research-exec"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*" }]
    })
  }
}

resource "aws_iam_role_policy" "bedrock" {
  name = "bedrock-all"
  role = aws_iam_role.exec.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "bedrock:*", Resource = "*" }]
  })
}

resource "aws_sagemaker_notebook_instance" "nb" {
  name                   = "research"
  role_arn               = "arn:aws:iam::123456789012:role/research-exec"
  instance_type          = "ml.t3.medium"
  root_access            = "Disabled"
  direct_internet_access = "Disabled"
  subnet_id              = "subnet-0abc"
  security_groups        = ["sg-0abc"]
  kms_key_id             = "alias/research"
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "aws_sagemaker_domain" "studio" {
  domain_name = "research-studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0abc"
  subnet_ids  = ["subnet-0abc"]
  default_user_settings {
    execution_role = "arn:aws:iam::123456789012:role/research-exec"
  }
}

resource "aws_sagemaker_pipeline" "train" {
  pipeline_name = "churn-train"
  role_arn      = "arn:aws:iam::123456789012:role/research-exec"
  pipeline_definition = jsonencode({
    Version = "2020-12-01"
    Steps = [
      {
        Name = "Prepare"
        Type = "Processing"
        Arguments = {
          ProcessingResources    = { ClusterConfig = { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 30, VolumeKmsKeyId = "alias/ml" } }
          NetworkConfig          = { EnableNetworkIsolation = true, EnableInterContainerTrafficEncryption = true, VpcConfig = { Subnets = ["subnet-0abc"], SecurityGroupIds = ["sg-0abc"] } }
          ProcessingOutputConfig = { KmsKeyId = "alias/ml" }
        }
      },
      {
        Name = "Train"
        Type = "Training"
        Arguments = {
          EnableNetworkIsolation = false
          ResourceConfig         = { InstanceType = "ml.m5.xlarge", InstanceCount = 2, VolumeSizeInGB = 50 }
          OutputDataConfig       = { S3OutputPath = "s3://churn-artifacts/models/" }
          InputDataConfig        = [{ ChannelName = "train", DataSource = { S3DataSource = { S3Uri = "s3://churn-data/train/", S3DataType = "S3Prefix" } } }]
        }
      }
    ]
  })
}

resource "aws_sagemaker_data_quality_job_definition" "dq" {
  name     = "churn-data-quality"
  role_arn = "arn:aws:iam::123456789012:role/research-exec"
  data_quality_app_specification {
    image_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/model-monitor:latest"
  }
  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn"
    }
  }
  data_quality_job_output_config {
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://churn-artifacts/monitoring/"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = "alias/ml"
    }
  }
  network_config {
    enable_network_isolation = true
  }
}

resource "aws_bedrock_guardrail" "weak" {
  name                      = "weak-guard"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "LOW"
      output_strength = "NONE"
    }
  }
  sensitive_information_policy_config {
    regexes_config {
      name    = "employee-id"
      pattern = "E[0-9]{6}"
      action  = "BLOCK"
    }
  }
}

resource "aws_bedrockagent_agent" "helper" {
  agent_name                  = "churn-helper"
  agent_resource_role_arn     = "arn:aws:iam::123456789012:role/research-exec"
  foundation_model            = "anthropic.claude-3-haiku-20240307-v1:0"
  customer_encryption_key_arn = "arn:aws:kms:us-east-1:123456789012:key/agent"
  guardrail_configuration {
    guardrail_identifier = aws_bedrock_guardrail.weak.guardrail_id
    guardrail_version    = "1"
  }
}

resource "aws_opensearchserverless_collection" "vectors" {
  name = "churn-vectors"
  type = "VECTORSEARCH"
}

resource "aws_opensearchserverless_security_policy" "enc" {
  name   = "churn-enc"
  type   = "encryption"
  policy = jsonencode({ Rules = [{ ResourceType = "collection", Resource = ["collection/churn-*"] }], AWSOwnedKey = true })
}

resource "aws_bedrockagent_knowledge_base" "kb" {
  name     = "churn-kb"
  role_arn = "arn:aws:iam::123456789012:role/research-exec"
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = aws_opensearchserverless_collection.vectors.arn
      vector_index_name = "docs"
    }
  }
}

resource "aws_bedrockagent_agent_knowledge_base_association" "helper" {
  agent_id             = aws_bedrockagent_agent.helper.agent_id
  knowledge_base_id    = aws_bedrockagent_knowledge_base.kb.id
  description          = "Churn playbooks"
  knowledge_base_state = "ENABLED"
}

resource "aws_s3_bucket" "docs" {
  bucket = "churn-docs"
}

resource "aws_s3_bucket_versioning" "docs" {
  bucket = aws_s3_bucket.docs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "docs" {
  bucket                  = aws_s3_bucket.docs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_bedrockagent_data_source" "docs" {
  name              = "playbooks"
  knowledge_base_id = aws_bedrockagent_knowledge_base.kb.id
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = aws_s3_bucket.docs.arn
    }
  }
}

resource "aws_opensearch_domain" "search" {
  domain_name    = "churn-search"
  engine_version = "OpenSearch_2.13"
  encrypt_at_rest {
    enabled = true
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https = false
  }
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = false
  }
  vpc_options {
    subnet_ids = ["subnet-0abc"]
  }
}

resource "aws_sagemaker_feature_group" "churn" {
  feature_group_name             = "churn-features"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::123456789012:role/research-exec"
  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "tenure_months"
    feature_type = "Integral"
  }
  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://churn-data/features/"
      kms_key_id = "alias/ml"
    }
  }
  online_store_config {
    enable_online_store = true
  }
}
