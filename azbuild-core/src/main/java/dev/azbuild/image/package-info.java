/**
 * Image references: {@link dev.azbuild.image.ImageReference} is {@code
 * [registry/]repository[:tag][@digest]}, parsed and checked by the docker CLI's rules in one place.
 */
package dev.azbuild.image;
