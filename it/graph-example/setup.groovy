// The example monorepo, and a build.json of this commit in which api failed: graph colours it failed.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def head = lib.initExample()
lib.write('target/azbuild/build.json', """{
  "commit" : "${head}",
  "modules" : [ { "id" : "dev.azbuild.example:api", "image" : "api", "action" : "failed", "reasons" : [ ],
                  "error" : "services/api: RUN ./build.sh returned 2" } ]
}
""")
return true
