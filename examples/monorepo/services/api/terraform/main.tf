variable "image" {
  type        = string
  description = "The image reference (with digest) that azbuild deployed."
}

# terraform_data is built in: no provider download is needed, so this works offline.
resource "terraform_data" "api" {
  input = var.image
}

output "deployed_image" {
  value = terraform_data.api.output
}
