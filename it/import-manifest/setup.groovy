// import-manifest turns the sample build_manifest.json monorepo (no pom) into a reactor whose plans over three commits decide as the manifest's patterns and dependencies do.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.copyExample('build-manifest')
lib.git('init', '-q')
lib.commit('monorepo with a build manifest')
lib.git('tag', 'it-base')
lib.write('tools/protoc.version', '3.22\n')      // proto's list pattern; tools-lint's default ^tools/
lib.commit('protoc 3.22')
lib.write('services/web/README.md', 'docs only\n') // not in web's pattern file
lib.commit('web: docs')
lib.write('proto/README.md', 'docs only\n')        // proto lists only *.proto and its Dockerfile
lib.commit('proto: docs')
assert !new File(basedir, 'pom.xml').exists()
return true
