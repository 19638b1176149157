package dev.azbuild.deploy;

import java.util.List;

/**
 * What deploy did with one module, as {@code deploy.json} reports it.
 *
 * @param action {@value #DEPLOYED}, {@value #SKIPPED}, {@value #FAILED} or, in a dry run, {@value
 *     #WOULD_DEPLOY} or {@value #WOULD_FAIL}
 * @param terraformApplied whether {@code terraform apply} ran (its plan may have been empty)
 */
public record ModuleDeployReport(
    String id,
    String image,
    String action,
    String digest,
    boolean terraformApplied,
    boolean restarted,
    double seconds,
    List<String> reasons) {

  public static final String DEPLOYED = "deployed";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";
  public static final String WOULD_DEPLOY = "would-deploy";
  public static final String WOULD_FAIL = "would-fail";

  public ModuleDeployReport {
    reasons = List.copyOf(reasons);
  }
}
