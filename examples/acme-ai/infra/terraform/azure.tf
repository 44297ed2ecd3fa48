resource "azurerm_resource_group" "ai" {
  name     = "rg-acme-ai"
  location = "westeurope"
}

# Used by services/ticket-triage-dotnet (https://acme-support.openai.azure.com/)
resource "azurerm_cognitive_account" "support" {
  name                          = "acme-support"
  location                      = azurerm_resource_group.ai.location
  resource_group_name           = azurerm_resource_group.ai.name
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "acme-support"
  public_network_access_enabled = true
  local_auth_enabled            = true
}

resource "azurerm_cognitive_deployment" "gpt4o" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.support.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name     = "Standard"
    capacity = 30
  }
}

resource "azurerm_cognitive_deployment" "gpt4o_mini" {
  name                 = "gpt-4o-mini"
  cognitive_account_id = azurerm_cognitive_account.support.id
  rai_policy_name      = "Microsoft.DefaultV2"
  model {
    format  = "OpenAI"
    name    = "gpt-4o-mini"
    version = "2024-07-18"
  }
  sku {
    name     = "GlobalStandard"
    capacity = 50
  }
}

resource "azurerm_search_service" "support" {
  name                          = "acme-support-search"
  resource_group_name           = azurerm_resource_group.ai.name
  location                      = azurerm_resource_group.ai.location
  sku                           = "standard"
  local_authentication_enabled  = true
  public_network_access_enabled = true
}

# Data-science workspace for the support team's fine-tuning experiments
resource "azurerm_machine_learning_workspace" "support_ml" {
  name                    = "acme-support-ml"
  location                = azurerm_resource_group.ai.location
  resource_group_name     = azurerm_resource_group.ai.name
  application_insights_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acme-ai/providers/Microsoft.Insights/components/acme-support-ml"
  key_vault_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acme-ai/providers/Microsoft.KeyVault/vaults/acme-support-ml"
  storage_account_id      = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acme-ai/providers/Microsoft.Storage/storageAccounts/acmesupportml"
  identity {
    type = "SystemAssigned"
  }
}

# One compute instance per data scientist; SSH is kept for VS Code remote sessions
resource "azurerm_machine_learning_compute_instance" "ds_priya" {
  name                          = "ci-priya"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.support_ml.id
  virtual_machine_size          = "STANDARD_DS11_V2"
  ssh {
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcmeExampleKeyForDocsOnly0000000000000 priya@acme"
  }
}
