terraform {
  required_version = ">= 1.6"
  required_providers {
    aws     = { source = "hashicorp/aws", version = "~> 5.80" }
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.10" }
    google  = { source = "hashicorp/google", version = "~> 6.10" }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "ml-platform/terraform.tfstate"
    region = "us-east-1"
  }
}

provider "aws" {
  region = var.region
}

provider "azurerm" {
  features {}
}

provider "google" {
  project = var.gcp_project
  region  = "europe-west4"
}
