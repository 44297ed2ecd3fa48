resource "aws_iam_role" "sagemaker_exec" {
  name = "${local.name_prefix}-sagemaker-exec"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Far too broad: every acme-* bucket and all of Bedrock
resource "aws_iam_role_policy" "sagemaker_exec" {
  name = "ml-data-and-bedrock"
  role = aws_iam_role.sagemaker_exec.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:*"]
        Resource = ["arn:aws:s3:::acme-*", "arn:aws:s3:::acme-*/*"]
      },
      {
        Effect   = "Allow"
        Action   = "bedrock:*"
        Resource = "*"
      }
    ]
  })
}

data "aws_iam_policy_document" "bedrock_agent_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bedrock_agent" {
  name               = "${local.name_prefix}-support-agent"
  assume_role_policy = data.aws_iam_policy_document.bedrock_agent_trust.json
}

data "aws_iam_policy_document" "bedrock_agent" {
  statement {
    actions   = ["bedrock:InvokeModel"]
    resources = ["arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"]
  }
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.kb_docs.arn, "${aws_s3_bucket.kb_docs.arn}/*"]
  }
}

resource "aws_iam_policy" "bedrock_agent" {
  name   = "${local.name_prefix}-support-agent"
  policy = data.aws_iam_policy_document.bedrock_agent.json
}

resource "aws_iam_role_policy_attachment" "bedrock_agent" {
  role       = aws_iam_role.bedrock_agent.name
  policy_arn = aws_iam_policy.bedrock_agent.arn
}

resource "aws_iam_role_policy_attachment" "bedrock_agent_full" {
  role       = aws_iam_role.bedrock_agent.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
}
