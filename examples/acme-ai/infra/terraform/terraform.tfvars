environment = "prod"
region      = "us-east-1"
