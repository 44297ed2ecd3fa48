resource "azurerm_cognitive_account" "oai" {
  name                               = "fabrikam-oai"
  kind                               = "OpenAI"
  sku_name                           = "S0"
  public_network_access_enabled      = false
  local_auth_enabled                 = false
  outbound_network_access_restricted = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_account_customer_managed_key" "oai" {
  cognitive_account_id = azurerm_cognitive_account.oai.id
  key_vault_key_id     = "https://fabrikam-kv.vault.azure.net/keys/oai/1"
}

resource "azurerm_private_endpoint" "oai" {
  name      = "pe-fabrikam-oai"
  subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe"
  private_service_connection {
    name                           = "oai"
    private_connection_resource_id = azurerm_cognitive_account.oai.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }
}

resource "azurerm_cognitive_account_rai_policy" "lenient" {
  name                 = "lenient"
  cognitive_account_id = azurerm_cognitive_account.oai.id
  base_policy_name     = "Microsoft.Default"
  content_filter {
    name               = "Jailbreak"
    filter_enabled     = false
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }
}

resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.oai.id
  rai_policy_name      = azurerm_cognitive_account_rai_policy.lenient.name
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name = "Standard"
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "fabrikam-ml"
  public_network_access_enabled = true
}

resource "azurerm_machine_learning_compute_instance" "dev" {
  name                          = "dev-box"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "STANDARD_DS3_V2"
  ssh {
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample dev"
  }
}

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "train"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "STANDARD_NC6"
  vm_priority                   = "LowPriority"
  node_public_ip_enabled        = false
  local_auth_enabled            = false
  subnet_resource_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/ml"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}

resource "azurerm_search_service" "docs" {
  name                          = "fabrikam-docs"
  sku                           = "standard"
  replica_count                 = 3
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
}

resource "google_notebooks_instance" "legacy" {
  name         = "legacy-nb"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
  no_public_ip = true
  kms_key      = "projects/p/locations/us/keyRings/r/cryptoKeys/nb"
  shielded_instance_config {
    enable_secure_boot          = true
    enable_integrity_monitoring = false
  }
}

resource "google_vertex_ai_metadata_store" "store" {
  name   = "default"
  region = "us-central1"
}
