// Placeholders, examples and references: values that name or stand in for a secret without being one.
//
// Stance (documented for the report): a value is quiet when it SAYS it is not real: placeholder words
// (example, dummy, placeholder, redacted, your-…, changeme), conventional fillers (xxxx, ****, ..., 0000…),
// template or variable syntax (${X}, {{ x }}, <token>, %X%) and references to where the secret lives
// (os.environ[...], process.env.X, secrets.X). Values that merely LOOK artificial but match a provider's
// exact format (a repeated letter, a keyboard-sequential alphabet) are still reported with a lowered score
// and the reason `low-variety`: a scanner cannot know they are fake, and the dev corpus labels such values
// (`placeholder_like`) as findings. "fake" and "test" are not markers for prefixed keys: vendor prefixes
// (`sk_test_`) and random bodies contain them.

/** Words and fillers that mark a stand-in value wherever they occur. */
const MARKER =
  /example|dummy|placeholder|redacted|changeme|change[_-]me|replace[_-]?(?:me|with|this)|insert[_-]?(?:your|key|token|here)|your[_-]?(?:own[_-]?)?(?:api|key|token|secret|pass|access|client|app|org|project|user|db|database|password)|not[_-]?a[_-]?real|notreal|xxxx|\*\*\*|\.\.\.|0{10}|<[a-z_ -]{1,40}>|\$\{|\{\{|%[A-Z_]{2,40}%/i;

/** Whether a value (or the variable part of a prefixed key) carries a placeholder marker. */
export function hasPlaceholderMarker(value: string): boolean {
  return MARKER.test(value);
}

/** Extra markers for free-form values under secret-like names (not for prefixed keys). */
const LOOSE_MARKER = /(?:^|[^a-z])(?:test|demo|sample|fake|mock|foo|bar|todo|tbd|none|null|nil|undefined|invalid|secret|password|passwd|token|apikey|api[_-]key)(?:[^a-z]|$)|abc123|123456|qwerty|^(?:fake|test|mock|demo|sample)/i;

/** Common stand-in passwords and values that are names of the thing rather than the thing. */
const PLACEHOLDER_WORDS = new Set(
  (
    'password passwd pass pwd secret secrets token key apikey api_key api-key changeme change_me letmein admin root ' +
    'mypassword my_password yourpassword your_password mysecret my_secret yoursecret your_secret mytoken ' +
    'default empty none null nil undefined true false redacted removed hidden masked required optional string ' +
    '123456 12345678 qwerty abc123 foobar foo bar baz test testing tbd todo'
  ).split(' '),
);

export function isPlaceholderWord(value: string): boolean {
  return PLACEHOLDER_WORDS.has(value.toLowerCase());
}

/** Values under secret-like names that are loose placeholders: words like `test`, `secret123`. */
export function hasLooseMarker(value: string): boolean {
  return LOOSE_MARKER.test(value);
}

// References to where a secret lives, not the secret: environment, templating, vaults, code paths.
const REFERENCE =
  /^(?:\$[({A-Za-z_]|%[({A-Za-z_]|#\{|\{\{|<%|@\{|env[.:(]|process\.env|import\.meta\.env|os\.(?:environ|getenv)|getenv\(|system\.getenv|environment\.get|config[.[(]|settings[.[]|secrets?[.[]|vault:|ssm:|arn:aws:|projects\/[^/]+\/secrets\/|enc\[|encrypted:|sops:|ref\+|\{\{|!(?:ref|sub|getatt|secret))/i;

export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

/** `OPENAI_API_KEY`: the name of an environment variable, written where its value could have been. */
export function isEnvVarName(value: string): boolean {
  return /^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,10}$/.test(value);
}

/** `settings.openai_key`, `os.environ/OPENAI_API_KEY`, `cfg.get`: code paths written unquoted. */
export function isCodePath(value: string): boolean {
  return /^[A-Za-z_$][\w$]{0,80}(?:[./][A-Za-z_$][\w$]{0,80}){1,10}(?:\(|\[|!|\)|$)/.test(value);
}
