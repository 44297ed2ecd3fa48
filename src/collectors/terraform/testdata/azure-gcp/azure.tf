resource "azurerm_cognitive_account" "foundry" {
  name                          = "contoso-ai"
  kind                          = "AIServices"
  sku_name                      = "S0"
  custom_subdomain_name         = "contoso-ai"
  public_network_access_enabled = true
  local_auth_enabled            = false
  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
  customer_managed_key {
    key_vault_key_id = "https://contoso-kv.vault.azure.net/keys/ai/1"
  }
}

resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.foundry.id
  model {
    format  = "OpenAI"
    name    = "gpt-4.1"
    version = "2025-04-14"
  }
  sku {
    name = "Standard"
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "contoso-ml"
  public_network_access_enabled = false
  high_business_impact          = true
  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

resource "azurerm_ai_foundry" "hub" {
  name                  = "contoso-hub"
  public_network_access = "Enabled"
}

resource "azurerm_ai_foundry_project" "proj" {
  name               = "claims"
  ai_services_hub_id = azurerm_ai_foundry.hub.id
}

resource "azurerm_search_service" "s" {
  name                         = "contoso-search"
  sku                          = "basic"
  local_authentication_enabled = false
  allowed_ips                  = ["203.0.113.10"]
}
