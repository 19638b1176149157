package dev.azbuild.mojo;

/**
 * Defaults that several goals' parameters share, as the constants annotations need. They are the
 * defaults of {@link dev.azbuild.api.Setting}; a test checks that every parameter's default is.
 */
final class Defaults {

  static final String TERRAFORM_VERSION = "1.11.4";
  static final String TERRAFORM_MIRROR = "https://releases.hashicorp.com/terraform/";

  private Defaults() {}
}
