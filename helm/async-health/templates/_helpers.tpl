{{/* The chart's name, or nameOverride. */}}
{{- define "async-health.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: fullnameOverride, or <release>-<chart> unless the release already names it. */}}
{{- define "async-health.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "async-health.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: never change them after the first install (a Deployment's selector is immutable). */}}
{{- define "async-health.selectorLabels" -}}
app.kubernetes.io/name: {{ include "async-health.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "async-health.labels" -}}
helm.sh/chart: {{ include "async-health.chart" . }}
{{ include "async-health.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "async-health.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "async-health.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the pods read: the operator's (existingSecret) or the chart's. */}}
{{- define "async-health.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "async-health.fullname" . }}
{{- end }}
{{- end }}

{{/* A configuration key as its environment variable: async-health.db.app-user -> ASYNC_HEALTH_DB_APP_USER. */}}
{{- define "async-health.envName" -}}
{{- . | replace "." "_" | replace "-" "_" | upper }}
{{- end }}

{{/* Where the Secret's key files are mounted, read-only (the *-location keys name the files in it). */}}
{{- define "async-health.keyDir" -}}
/etc/async-health/keys
{{- end }}

{{/*
The key files: Secret key (= file name, as docker/keygen writes them) to the configuration key naming the file.
*/}}
{{- define "async-health.keyFiles" -}}
signing-key.pem: async-health.jwt.private-key-location
slot.key: async-health.anonymity.slot-key-location
secrets.key: async-health.secrets.key-location
{{- end }}

{{/*
Secret keys, mapped to the value that fills them when the chart renders the Secret. The same names are the
existingSecret's format (helm/README.md). The public key of the service's tokens is derived from signing-key.pem.
*/}}
{{- define "async-health.secretKeys" -}}
db-app-user: dbAppUser
db-app-password: dbAppPassword
db-migration-user: dbMigrationUser
db-migration-password: dbMigrationPassword
signing-key.pem: jwtPrivateKey
slot.key: anonymitySlotKey
secrets.key: secretsKey
{{- end }}

{{/* JAVA_OPTS_APPEND of docker/Dockerfile.jvm, which the chart's JAVA_OPTS_APPEND replaces and so must repeat. */}}
{{- define "async-health.imageJavaOptions" -}}
-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager
{{- end }}
