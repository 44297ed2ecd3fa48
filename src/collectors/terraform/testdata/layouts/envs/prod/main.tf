module "research_notebook" {
  source      = "../../modules/notebook"
  name        = "prod-research"
  root_access = "Disabled"
}
