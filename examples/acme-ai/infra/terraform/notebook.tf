# Shared research notebook: root access and direct internet access are both on
resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "${local.name_prefix}-research"
  role_arn               = aws_iam_role.sagemaker_exec.arn
  instance_type          = "ml.t3.xlarge"
  root_access            = "Enabled"
  direct_internet_access = "Enabled"
  tags                   = local.tags
}
