package dev.azbuild.ci.local;

/**
 * One workflow run: what it runs and the ids the vendor would give it.
 *
 * @param file the workflow file, relative to the repository root
 * @param commit the full SHA the jobs check out
 * @param branch the branch pushed
 * @param runId GitHub's GITHUB_RUN_ID (unchanged by a re-run)
 * @param attempt GitHub's GITHUB_RUN_ATTEMPT: 1, then one more per re-run
 * @param workflowId CircleCI's CIRCLE_WORKFLOW_ID
 * @param firstBuildNum the CIRCLE_BUILD_NUM of this attempt's first job
 */
public record RunInfo(
    Vendor vendor,
    String file,
    String commit,
    String branch,
    long runId,
    int attempt,
    String workflowId,
    int firstBuildNum) {}
