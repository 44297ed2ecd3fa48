resource "google_vertex_ai_endpoint" "recommender" {
  name         = "acme-recommender"
  display_name = "Acme product recommender"
  location     = "europe-west4"
  description  = "Serves ml/models/recommender"
  labels       = { team = "ml-platform" }
}
