#!/bin/sh
exec java ${SWARMNET_JAVA_OPTS:-} -jar "$0" "$@"
