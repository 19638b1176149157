package dev.azbuild.registry;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS SDK failures into one-line {@link RegistryException}s with a fix. */
final class EcrErrors {

  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of(
          "AccessDeniedException",
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "ExpiredTokenException",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch");

  private EcrErrors() {}

  static RegistryException translate(SdkException e, String action, EcrHost host) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = service.awsErrorDetails().errorCode();
      String fix =
          CREDENTIAL_ERRORS.contains(code)
              ? "check the AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID) and their IAM permissions"
              : "check the request and the ECR console";
      return new RegistryException(
          "ECR "
              + action
              + " on "
              + host
              + " failed: "
              + code
              + ": "
              + firstLine(service.awsErrorDetails().errorMessage())
              + " (HTTP "
              + service.statusCode()
              + "); "
              + fix,
          service.statusCode(),
          e);
    }
    return new RegistryException(
        "ECR "
            + action
            + " on "
            + host
            + " failed: "
            + firstLine(e.getMessage())
            + "; check the AWS credentials, region and endpoint (azbuild.aws.endpoint)",
        e);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl >= 0 ? s.substring(0, nl) : s).trim();
  }
}
