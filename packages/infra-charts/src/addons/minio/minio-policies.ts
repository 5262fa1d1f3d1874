/** An S3 (MinIO) IAM policy document. */
export interface S3Policy {
  readonly Version: '2012-10-17';
  readonly Statement: ReadonlyArray<Record<string, unknown>>;
}

/** A tenant may read only the models its config names, and write nothing. */
export function tenantReadPolicy(modelNames: readonly string[]): S3Policy {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: modelNames.map((m) => `arn:aws:s3:::models/${m}/*`) },
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: ['arn:aws:s3:::models'],
        Condition: { StringLike: { 's3:prefix': modelNames.map((m) => `${m}/*`) } },
      },
    ],
  };
}

/** The trainer reads datasets and writes model versions. */
export function trainerPolicy(): S3Policy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::datasets', 'arn:aws:s3:::datasets/*'],
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::models', 'arn:aws:s3:::models/*'],
      },
    ],
  };
}

/**
 * The provisioning script the MinIO client Job runs, reconciling MinIO to the config: buckets exist, each user of
 * `users` has its current key and policy (created or updated), and users and `*-policy` policies of anyone not in
 * `users` (a removed tenant) are removed. Secret keys come from the environment (a Secret), never from this script.
 * Only POSIX sh and mc: the mc image has no sed or jq.
 */
export function provisionScript(users: readonly string[]): string {
  return [
    'set -eu',
    'mc alias set platform "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null',
    'for bucket in models datasets; do mc mb --ignore-existing "platform/$bucket"; done',
    ...users.map((user) => {
      const env = userSecretEnv(user);
      return [
        `mc admin user add platform ${user} "$${env}"`,
        `mc admin policy create platform ${user}-policy /policies/${user}.json`,
        `mc admin policy attach platform ${user}-policy --user ${user} 2>/dev/null || true`,
      ].join('\n');
    }),
    `desired=" ${users.join(' ')} "`,
    `q='"'`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
    'field() { v="${1#*$q$2$q:$q}"; [ "$v" != "$1" ] && printf \'%s\\n\' "${v%%$q*}"; return 0; }',
    'mc admin user list platform --json | while IFS= read -r line; do',
    '  user="$(field "$line" accessKey)"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
    '  if [ -n "$user" ] && [ "${desired#* $user }" = "$desired" ]; then',
    '    mc admin user remove platform "$user"; echo "removed user $user"',
    '  fi',
    'done',
    'mc admin policy ls platform --json | while IFS= read -r line; do',
    '  policy="$(field "$line" policy)"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
    '  owner="${policy%-policy}"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template
    '  if [ "$owner" != "$policy" ] && [ "${desired#* $owner }" = "$desired" ]; then',
    '    mc admin policy remove platform "$policy"; echo "removed policy $policy"',
    '  fi',
    'done',
    `echo "provisioned buckets models, datasets and users: ${users.join(', ')}"`,
    '',
  ].join('\n');
}

/** The environment variable the provisioning Job reads a user's secret key from. */
export function userSecretEnv(user: string): string {
  return `USER_SECRET_${user.toUpperCase().replace(/-/g, '_')}`;
}
