variable "team" {
  type    = string
  default = "risk"
}

variable "buckets" {
  type    = list(string)
  default = ["raw"]
}

variable "owner_role" {
  type = string
}
