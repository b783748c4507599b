-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
-- One database per service that owns data; the role is POSTGRES_USER (weiquan), which owns them.
-- Each service creates its own tables (python -m <service>.migrate) when its container starts.
CREATE DATABASE intake;
CREATE DATABASE gateway;
CREATE DATABASE dispatch;
CREATE DATABASE evidence;
CREATE DATABASE welfare;
CREATE DATABASE logistics;
CREATE DATABASE legal_aid;
CREATE DATABASE publicity;
