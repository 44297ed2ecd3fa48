resource "google_vertex_ai_endpoint" "recommender" {
  name         = "acme-recommender"
  display_name = "Acme product recommender"
  location     = "europe-west4"
  description  = "Serves ml/models/recommender"
  labels       = { team = "ml-platform" }
}

# Analyst notebook for the recommender team (created from the console defaults)
resource "google_workbench_instance" "recsys_analyst" {
  name     = "acme-recsys-analyst"
  location = "europe-west4-a"
  gce_setup {
    machine_type = "n1-standard-8"
    service_accounts {
      email = "recsys-notebooks@acme-ml-platform.iam.gserviceaccount.com"
    }
  }
}
