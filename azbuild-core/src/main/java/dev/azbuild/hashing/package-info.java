/**
 * Content mode's input hash: what goes into a module's image, as one SHA-256.
 *
 * <p>{@link dev.azbuild.hashing.InputHasher} turns a module's {@link
 * dev.azbuild.hashing.ModuleInputs} and a {@link dev.azbuild.git.RepoSnapshot} into an {@link
 * dev.azbuild.hashing.InputHash}: the hash and the input tree it was computed from, one line per
 * input, so two trees can be diffed to say why a module rebuilds. Nothing here reads a file's
 * bytes: blob ids come from git.
 */
package dev.azbuild.hashing;
