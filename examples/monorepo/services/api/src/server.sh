#!/bin/sh
. /opt/base/log.sh
echo "api serving $(wc -l < /srv/api/routes) routes"
sleep 3600
