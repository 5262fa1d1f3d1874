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

/** Where the provisioning Job mounts its ConfigMap (script, user list, policies) and the users' key Secret. */
export const PROVISIONING_DIR = '/provisioning';
export const CREDENTIALS_DIR = '/credentials';
/** The ConfigMap key listing one `<user> <policy file>` line per user. */
export const USERS_KEY = 'users';

/** One user to provision: its name and the ConfigMap key of the policy document it gets. */
export interface ProvisionedUser {
  readonly user: string;
  readonly policyFile: string;
}

/** The compact user list the script loops over: one line per user, so the ConfigMap grows ~30 bytes a tenant. */
export function usersList(users: readonly ProvisionedUser[]): string {
  return users.map((u) => `${u.user} ${u.policyFile}\n`).join('');
}

/**
 * The provisioning script the MinIO client Job runs, reconciling MinIO to the config: buckets exist, each user of
 * the user list has its current key and policy (created or updated), and users and `*-policy` policies of anyone
 * not in the list (a removed tenant) are removed. The script is the same whatever the tenants: it reads the list
 * from `$PROVISIONING_DIR/users` and each secret key from the file `$CREDENTIALS_DIR/<user>` (the mounted Secret),
 * never from this script. Only POSIX sh builtins and mc: the mc image has no sed, jq or cat.
 */
export function provisionScript(): string {
  return [
    'set -eu',
    `dir="\${PROVISIONING_DIR:-${PROVISIONING_DIR}}"`,
    `creds="\${CREDENTIALS_DIR:-${CREDENTIALS_DIR}}"`,
    'mc alias set platform "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null',
    'for bucket in models datasets; do mc mb --ignore-existing "platform/$bucket"; done',
    'desired=" "',
    'count=0',
    `while read -r user file; do`,
    '  [ -n "$user" ] || continue',
    '  if [ ! -r "$creds/$user" ]; then',
    `    echo "no key for user $user: add key '$user' to Secret ${'$'}{CREDENTIALS_SECRET:-of the users' keys} (pnpm cluster up creates missing keys)" >&2`,
    '    exit 1',
    '  fi',
    '  key=""; IFS= read -r key < "$creds/$user" || true',
    '  mc admin user add platform "$user" "$key"',
    '  mc admin policy create platform "$user-policy" "$dir/$file"',
    '  mc admin policy attach platform "$user-policy" --user "$user" 2>/dev/null || true',
    '  desired="$desired$user "; count=$((count + 1))',
    `done < "$dir/${USERS_KEY}"`,
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
    'echo "provisioned buckets models, datasets and $count users:$desired"',
    '',
  ].join('\n');
}
