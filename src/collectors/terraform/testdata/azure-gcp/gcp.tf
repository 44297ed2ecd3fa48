resource "google_vertex_ai_endpoint" "private" {
  name         = "claims-endpoint"
  display_name = "claims"
  location     = "us-central1"
  network      = "projects/123/global/networks/ml"
  encryption_spec {
    kms_key_name = "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k"
  }
}

resource "google_vertex_ai_dataset" "claims" {
  display_name        = "claims-images"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
  region              = "us-central1"
}

resource "google_vertex_ai_index" "docs" {
  display_name = "claims-docs"
  metadata {
    contents_delta_uri = "gs://contoso-embeddings/docs"
    config {
      dimensions = 768
    }
  }
}

resource "google_vertex_ai_index_endpoint" "docs" {
  display_name            = "claims-docs-endpoint"
  public_endpoint_enabled = true
}

resource "google_workbench_instance" "wb" {
  name = "claims-workbench"
  gce_setup {
    machine_type      = "e2-standard-4"
    disable_public_ip = false
    service_accounts {
      email = "nb@contoso.iam.gserviceaccount.com"
    }
    metadata = {
      notebook-disable-root = "true"
    }
  }
}

resource "google_storage_bucket" "emb" {
  name                        = "contoso-embeddings"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "pub" {
  bucket = google_storage_bucket.emb.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
