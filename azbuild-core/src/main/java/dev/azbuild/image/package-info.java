/**
 * Image references: {@code [registry/]repository[:tag][@digest]}, split the way the docker CLI
 * splits them, in one place.
 */
package dev.azbuild.image;
