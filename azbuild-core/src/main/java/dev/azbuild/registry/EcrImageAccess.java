package dev.azbuild.registry;

/**
 * How {@link EcrRegistry} reads and re-tags images (repositories and policies always use the ECR
 * API).
 */
public enum EcrImageAccess {
  /** {@link #DATA_PLANE} when a data-plane override is set (an emulator), else {@link #ECR_API}. */
  AUTO,
  /** DescribeImages, BatchGetImage and PutImage through the AWS SDK. */
  ECR_API,
  /** The OCI distribution API of the data-plane endpoint. */
  DATA_PLANE
}
