resource "aws_bedrock_guardrail" "support" {
  name                      = "${local.name_prefix}-support-guardrail"
  blocked_input_messaging   = "Sorry, I can't help with that."
  blocked_outputs_messaging = "Sorry, I can't share that."

  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
    filters_config {
      type            = "HATE"
      input_strength  = "MEDIUM"
      output_strength = "MEDIUM"
    }
  }

  sensitive_information_policy_config {
    pii_entities_config {
      type   = "CREDIT_DEBIT_CARD_NUMBER"
      action = "BLOCK"
    }
    pii_entities_config {
      type   = "EMAIL"
      action = "ANONYMIZE"
    }
  }

  topic_policy_config {
    topics_config {
      name       = "legal-advice"
      definition = "Requests for legal advice or interpretation of contracts."
      type       = "DENY"
    }
  }
}

resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    text_data_delivery_enabled      = true
    image_data_delivery_enabled     = false
    embedding_data_delivery_enabled = false
    s3_config {
      bucket_name = aws_s3_bucket.ml_data.id
      key_prefix  = "bedrock-invocations"
    }
  }
}

resource "aws_opensearchserverless_collection" "support_kb" {
  name = "support-kb-vectors"
  type = "VECTORSEARCH"
}

resource "aws_opensearchserverless_security_policy" "support_kb_network" {
  name = "support-kb-network"
  type = "network"
  policy = jsonencode([{
    Rules = [{
      ResourceType = "collection"
      Resource     = ["collection/support-kb-*"]
    }]
    AllowFromPublic = true
  }])
}

resource "aws_bedrockagent_knowledge_base" "support" {
  name     = "${local.name_prefix}-support-kb"
  role_arn = aws_iam_role.bedrock_agent.arn
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:${var.region}::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = aws_opensearchserverless_collection.support_kb.arn
      vector_index_name = "support-docs"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_bedrockagent_data_source" "support_docs" {
  name              = "support-docs"
  knowledge_base_id = aws_bedrockagent_knowledge_base.support.id
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn         = aws_s3_bucket.kb_docs.arn
      inclusion_prefixes = ["published/"]
    }
  }
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "${local.name_prefix}-support-agent"
  agent_resource_role_arn = aws_iam_role.bedrock_agent.arn
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  idle_session_ttl_in_seconds = 3600
  instruction             = "You are Acme's support assistant. Answer from the knowledge base and open refunds only through the refund tool."
  guardrail_configuration {
    guardrail_identifier = aws_bedrock_guardrail.support.guardrail_id
    guardrail_version    = "DRAFT"
  }
}

resource "aws_bedrockagent_agent_action_group" "refunds" {
  action_group_name          = "refunds"
  agent_id                   = aws_bedrockagent_agent.support.agent_id
  agent_version              = "DRAFT"
  skip_resource_in_use_check = true
  action_group_executor {
    lambda = "arn:aws:lambda:us-east-1:123456789012:function:acme-refunds"
  }
  function_schema {
    member_functions {
      functions {
        name        = "issue_refund"
        description = "Refund an order"
      }
      functions {
        name        = "lookup_order"
        description = "Look up an order by id"
      }
    }
  }
}

resource "aws_bedrockagent_agent_action_group" "code_interpreter" {
  action_group_name             = "code-interpreter"
  agent_id                      = aws_bedrockagent_agent.support.agent_id
  agent_version                 = "DRAFT"
  parent_action_group_signature = "AMAZON.CodeInterpreter"
}

resource "aws_bedrockagent_agent_knowledge_base_association" "support" {
  agent_id             = aws_bedrockagent_agent.support.agent_id
  knowledge_base_id    = aws_bedrockagent_knowledge_base.support.id
  description          = "Published support articles"
  knowledge_base_state = "ENABLED"
}
