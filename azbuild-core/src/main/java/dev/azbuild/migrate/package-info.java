/**
 * Migration from a monorepo build description to an azbuild reactor: {@link
 * dev.azbuild.migrate.BuildManifest} reads Aztec's {@code build_manifest.json}, {@link
 * dev.azbuild.migrate.ManifestImporter} maps its projects to module {@code pom.xml} and {@code
 * .rebuild_patterns} files plus the root aggregator (an {@link dev.azbuild.migrate.ImportPlan}),
 * and {@link dev.azbuild.migrate.ImportWriter} writes them only when no file would be overwritten
 * by surprise. Plain Java: the {@code import-manifest} goal is a thin adapter.
 */
package dev.azbuild.migrate;
