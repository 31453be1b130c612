"""Crafted JSON Web Tokens: one token for each token edge case of the API models.

The case names are the vocabulary of lib/ApiModel.cpp (`tokenCases()`,
docs/api-models.md); `valid` is the control every case is derived from. Each
case changes one thing of the valid token, so that a verifier configured as the
code shows (algorithm, key, issuer, audience, subject, required claims) rejects
it for that one reason. The output depends only on `now`, the claims, the
algorithm and the key: HS256/384/512 with hmac, RS256 with Debian's `openssl`
(PKCS #1 v1.5 signatures are deterministic), ES256 in Python with the nonce of
RFC 6979 (OpenSSL 3.0 has no deterministic ECDSA), the private key read from
its PEM file by `openssl pkey`.

Cases whose token needs a valid signature are left out, and listed under
`skipped`, when no key is given; the malformed and algorithm cases need none.

  tokens.py [--now SECONDS|YYYY-MM-DDTHH:MM:SSZ] [--alg ALG]
            [--secret-env VAR | --key PEM] [--issuer S] [--audience S]
            [--subject S] [--claim NAME=VALUE ...] [--cases A,B,...]
            [--output FILE]
"""
import argparse
import base64
import calendar
import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
import tempfile
import time

FORMAT = 'failguard-tokens-1'

# Every case but the control, in the order of lib/ApiModel.cpp's vocabulary.
CASES = (
    'expired', 'not-yet-valid', 'issued-in-future', 'wrong-issuer', 'wrong-audience',
    'wrong-subject', 'bad-signature', 'none-algorithm', 'unsupported-algorithm',
    'algorithm-mismatch', 'missing-algorithm', 'alg-not-string', 'not-three-parts',
    'bad-base64url', 'header-not-json', 'payload-not-json', 'header-not-object',
    'payload-not-object', 'missing-claim', 'claim-wrong-type', 'claim-null',
)
CONTROL = 'valid'
# The cases whose token is worth sending only with a valid signature.
SIGNED_CASES = frozenset((
    CONTROL, 'expired', 'not-yet-valid', 'issued-in-future', 'wrong-issuer',
    'wrong-audience', 'wrong-subject', 'bad-signature', 'algorithm-mismatch',
    'missing-claim', 'claim-wrong-type', 'claim-null',
))

HMAC_DIGESTS = {'HS256': hashlib.sha256, 'HS384': hashlib.sha384, 'HS512': hashlib.sha512}
ALGORITHMS = tuple(HMAC_DIGESTS) + ('RS256', 'ES256')
DEFAULT_ISSUER = 'failguard-test-issuer'
DEFAULT_AUDIENCE = 'failguard-test-audience'
DEFAULT_SUBJECT = 'failguard-test-subject'
TOKEN_ID = 'failguard-test-token'
# The valid token lives an hour; the times a case gets wrong are a day away
# from `now`, beyond any usual leeway.
LIFETIME = 3600
DAY = 86400
# Not the name of any algorithm of RFC 7518.
UNSUPPORTED_ALGORITHM = 'XS256'


class TokenError(Exception):
    """A key, a claim or an option that cannot make tokens."""


def b64url(data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


def compact_json(value):
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False)


def parse_now(text):
    """Seconds since the epoch, from digits or an ISO 8601 UTC time."""
    if re.fullmatch(r'-?\d+', text):
        return int(text)
    match = re.fullmatch(r'(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z', text)
    if not match:
        raise TokenError("--now '%s': expected seconds since the epoch or "
                         "YYYY-MM-DDTHH:MM:SSZ" % text)
    return calendar.timegm(tuple(int(part) for part in match.groups()) + (0, 0, 0))


# ECDSA over P-256 (FIPS 186-4 D.1.2.3) with the deterministic nonce of RFC 6979.
P256_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
P256_A = P256_P - 3
P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
P256_G = (0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
          0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5)


def _point_add(p, q):
    if p is None:
        return q
    if q is None:
        return p
    if p[0] == q[0]:
        if (p[1] + q[1]) % P256_P == 0:
            return None
        slope = (3 * p[0] * p[0] + P256_A) * pow(2 * p[1], -1, P256_P)
    else:
        slope = (q[1] - p[1]) * pow(q[0] - p[0], -1, P256_P)
    x = (slope * slope - p[0] - q[0]) % P256_P
    return x, (slope * (p[0] - x) - p[1]) % P256_P


def _scalar_mult(k, point):
    result = None
    while k:
        if k & 1:
            result = _point_add(result, point)
        point = _point_add(point, point)
        k >>= 1
    return result


def _rfc6979_nonces(private, digest):
    """The candidate nonces of RFC 6979 section 3.2, for SHA-256 and P-256."""
    x = private.to_bytes(32, 'big')
    h1 = (int.from_bytes(digest, 'big') % P256_N).to_bytes(32, 'big')
    v, k = b'\x01' * 32, b'\x00' * 32
    k = hmac.new(k, v + b'\x00' + x + h1, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    k = hmac.new(k, v + b'\x01' + x + h1, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    while True:
        v = hmac.new(k, v, hashlib.sha256).digest()
        candidate = int.from_bytes(v, 'big')
        if 1 <= candidate < P256_N:
            yield candidate
        k = hmac.new(k, v + b'\x00', hashlib.sha256).digest()
        v = hmac.new(k, v, hashlib.sha256).digest()


def es256_sign(private, message):
    """The JWS ES256 signature (R || S, 32 bytes each) of message."""
    digest = hashlib.sha256(message).digest()
    z = int.from_bytes(digest, 'big')
    for nonce in _rfc6979_nonces(private, digest):
        r = _scalar_mult(nonce, P256_G)[0] % P256_N
        if r == 0:
            continue
        s = pow(nonce, -1, P256_N) * (z + r * private) % P256_N
        if s:
            return r.to_bytes(32, 'big') + s.to_bytes(32, 'big')


def _openssl(args, stdin=None):
    try:
        done = subprocess.run(['openssl'] + args, input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, check=False)
    except OSError as error:
        raise TokenError('cannot run openssl: %s' % error.strerror)
    if done.returncode != 0:
        message = done.stderr.decode('utf-8', 'replace').strip().splitlines()
        raise TokenError('openssl %s: %s' % (args[0], message[0] if message else 'failed'))
    return done.stdout


def read_ec_private_key(pem_path):
    """The private scalar of a P-256 key in a PEM file."""
    text = _openssl(['pkey', '-in', pem_path, '-noout', '-text']).decode('ascii', 'replace')
    if not re.search(r'NIST CURVE: P-256|ASN1 OID: prime256v1', text):
        raise TokenError("'%s' is not a P-256 private key (ES256 needs one)" % pem_path)
    match = re.search(r'priv:\s*((?:[0-9a-f]{2}:?\s*)+)', text)
    if not match:
        raise TokenError("'%s': no private key in it" % pem_path)
    return int(re.sub(r'[^0-9a-f]', '', match.group(1)), 16)


def public_key_pem(pem_path):
    """The public key of a PEM private key, as PEM text."""
    return _openssl(['pkey', '-in', pem_path, '-pubout'])


class Signer:
    """Signs `header.payload` with the user's test key for one algorithm."""

    def __init__(self, alg, secret=None, key_path=None):
        if alg not in ALGORITHMS:
            raise TokenError("unsupported --alg '%s' (one of %s)" % (alg, ', '.join(ALGORITHMS)))
        if alg in HMAC_DIGESTS and key_path:
            raise TokenError('%s signs with a secret (--secret-env), not a key file' % alg)
        if alg not in HMAC_DIGESTS and secret is not None:
            raise TokenError('%s signs with a PEM key (--key), not a secret' % alg)
        self.alg = alg
        self.secret = secret
        self.key_path = key_path
        self.ec_private = None
        if alg == 'ES256' and key_path:
            self.ec_private = read_ec_private_key(key_path)
        elif alg == 'RS256' and key_path:
            text = _openssl(['pkey', '-in', key_path, '-noout', '-text']).decode('ascii', 'replace')
            if 'Private-Key' not in text or 'modulus' not in text:
                raise TokenError("'%s' is not an RSA private key (RS256 needs one)" % key_path)

    @property
    def has_key(self):
        return self.secret is not None or self.key_path is not None

    def sign(self, signing_input):
        data = signing_input.encode('ascii')
        if self.alg in HMAC_DIGESTS:
            return hmac.new(self.secret, data, HMAC_DIGESTS[self.alg]).digest()
        if self.alg == 'ES256':
            return es256_sign(self.ec_private, data)
        return _openssl(['dgst', '-sha256', '-sign', self.key_path], stdin=data)

    def mismatched(self):
        """A signer of another algorithm a verifier of this one must refuse:
        another HMAC size with the same secret, or for a public-key algorithm
        HS256 keyed with the public key's PEM text (the algorithm confusion
        attack)."""
        if self.alg in HMAC_DIGESTS:
            other = 'HS384' if self.alg == 'HS256' else 'HS256'
            return Signer(other, secret=self.secret)
        return Signer('HS256', secret=public_key_pem(self.key_path))


def registered_claims(now, issuer, audience, subject, claims):
    payload = {'iss': issuer, 'aud': audience, 'sub': subject, 'jti': TOKEN_ID,
               'iat': now - 60, 'nbf': now - 60, 'exp': now + LIFETIME}
    payload.update(claims)
    return payload


def craft(now, alg='HS256', secret=None, key_path=None, issuer=None, audience=None,
          subject=None, claims=None, cases=None):
    """{'tokens': {case: token}, 'skipped': {case: reason}} for the cases asked
    (all by default) and the control."""
    signer = Signer(alg, secret=secret, key_path=key_path)
    issuer = issuer or DEFAULT_ISSUER
    audience = audience or DEFAULT_AUDIENCE
    subject = subject or DEFAULT_SUBJECT
    claims = dict(claims or {})
    wanted = list(CASES) if cases is None else list(cases)
    unknown = [case for case in wanted if case not in CASES and case != CONTROL]
    if unknown:
        raise TokenError('unknown token case %s (known: %s)'
                         % (', '.join("'%s'" % c for c in unknown), ', '.join(CASES)))
    if CONTROL not in wanted:
        wanted.insert(0, CONTROL)

    header = {'alg': alg, 'typ': 'JWT'}
    payload = registered_claims(now, issuer, audience, subject, claims)

    def encode(header_part, payload_part, signer_used=signer, flip=False):
        signing_input = header_part + '.' + payload_part
        if signer_used is None:
            return signing_input + '.'
        if not signer_used.has_key:
            return signing_input + '.' + b64url(b'failguard: no key, no signature')
        signature = bytearray(signer_used.sign(signing_input))
        if flip:
            signature[-1] ^= 0x01
        return signing_input + '.' + b64url(bytes(signature))

    def token(header_value=header, payload_value=payload, **options):
        return encode(b64url(compact_json(header_value)), b64url(compact_json(payload_value)),
                      **options)

    def with_claims(**changes):
        changed = dict(payload)
        changed.update(changes)
        return changed

    valid_header = b64url(compact_json(header))
    valid_payload = b64url(compact_json(payload))
    wrong_types = {name: 42 for name in ('iss', 'sub', 'aud', 'jti')}
    wrong_types.update({name: 'tomorrow' for name in ('iat', 'nbf', 'exp')})
    wrong_types.update({name: 42 for name in claims})
    builders = {
        CONTROL: lambda: token(),
        'expired': lambda: token(payload_value=with_claims(
            iat=now - 2 * DAY, nbf=now - 2 * DAY, exp=now - DAY)),
        'not-yet-valid': lambda: token(payload_value=with_claims(
            nbf=now + DAY, exp=now + 2 * DAY)),
        'issued-in-future': lambda: token(payload_value=with_claims(
            iat=now + DAY, exp=now + 2 * DAY)),
        'wrong-issuer': lambda: token(payload_value=with_claims(iss=issuer + '.wrong')),
        'wrong-audience': lambda: token(payload_value=with_claims(aud=audience + '.wrong')),
        'wrong-subject': lambda: token(payload_value=with_claims(sub=subject + '.wrong')),
        'bad-signature': lambda: token(flip=True),
        'none-algorithm': lambda: token(header_value={'alg': 'none', 'typ': 'JWT'},
                                        signer_used=None),
        'unsupported-algorithm': lambda: token(
            header_value={'alg': UNSUPPORTED_ALGORITHM, 'typ': 'JWT'}),
        'algorithm-mismatch': lambda: algorithm_mismatch(),
        'missing-algorithm': lambda: token(header_value={'typ': 'JWT'}),
        'alg-not-string': lambda: token(header_value={'alg': 256, 'typ': 'JWT'}),
        'not-three-parts': lambda: valid_header + '.' + valid_payload,
        'bad-base64url': lambda: encode(valid_header, '!' + valid_payload[1:]),
        'header-not-json': lambda: encode(b64url('{"alg":'), valid_payload),
        'payload-not-json': lambda: encode(valid_header, b64url('{"sub":')),
        'header-not-object': lambda: token(header_value=[alg, 'JWT']),
        'payload-not-object': lambda: token(payload_value=[issuer, subject]),
        'missing-claim': lambda: token(header_value={'alg': alg}, payload_value={}),
        'claim-wrong-type': lambda: token(payload_value=with_claims(**wrong_types)),
        'claim-null': lambda: token(payload_value={name: None for name in payload}),
    }

    def algorithm_mismatch():
        other = signer.mismatched()
        return token(header_value={'alg': other.alg, 'typ': 'JWT'}, signer_used=other)

    tokens, skipped = {}, {}
    for case in wanted:
        if case in SIGNED_CASES and not signer.has_key:
            skipped[case] = 'needs a valid signature: give a key (--secret-env or --key)'
            continue
        tokens[case] = builders[case]()
    return {'format': FORMAT, 'now': now, 'alg': alg,
            'claims': {'iss': issuer, 'aud': audience, 'sub': subject, 'required': claims},
            'tokens': tokens, 'skipped': skipped}


def secret_from_environment(name):
    """The HMAC secret in the environment variable `name`, as bytes."""
    if name not in os.environ:
        raise TokenError("--secret-env: '%s' is not set" % name)
    secret = os.environ[name].encode('utf-8')
    if not secret:
        raise TokenError("--secret-env: '%s' is empty" % name)
    return secret


def parse_claims(items):
    """{name: value} of NAME=VALUE options."""
    claims = {}
    for item in items:
        name, equals, value = item.partition('=')
        if not equals or not name:
            raise TokenError("--claim '%s': expected NAME=VALUE" % item)
        claims[name] = value
    return claims


def add_token_options(parser):
    """The options that craft tokens: this command's, and git failguard plan
    --tokens and probe's."""
    parser.add_argument('--now', help='the time tokens are valid at: seconds since the epoch or '
                                      'YYYY-MM-DDTHH:MM:SSZ (default: now)')
    # Not argparse choices: an unknown algorithm is the crafter's one-line error.
    parser.add_argument('--alg', default='HS256', help='the algorithm the verifier expects: '
                        + ', '.join(ALGORITHMS) + ' (default HS256)')
    parser.add_argument('--secret-env', metavar='VAR',
                        help='the environment variable holding the HMAC test secret (HS*)')
    parser.add_argument('--key', metavar='PEM', help='the RSA or P-256 private test key (RS256, ES256)')
    parser.add_argument('--issuer')
    parser.add_argument('--audience')
    parser.add_argument('--subject')
    parser.add_argument('--claim', action='append', default=[], metavar='NAME=VALUE',
                        help='a claim the verifier requires (repeatable)')


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='failguard-tokens', description='One crafted JWT for each token edge case.',
        allow_abbrev=False)
    add_token_options(parser)
    parser.add_argument('--cases', help='comma-separated cases (default: all)')
    parser.add_argument('--output', default='-', help="where to write the JSON ('-': stdout)")
    return parser.parse_args(argv)


def main(argv):
    """The command line: 0 written, 2 could not craft (with a one-line reason)."""
    try:
        args = parse_args(argv)
    except SystemExit as stop:
        return 2 if stop.code else 0
    try:
        now = parse_now(args.now) if args.now is not None else int(time.time())
        secret = secret_from_environment(args.secret_env) if args.secret_env else None
        if args.key and not os.path.isfile(args.key):
            raise TokenError("--key '%s': not a regular file" % args.key)
        claims = parse_claims(args.claim)
        cases = None
        if args.cases:
            cases = [case.strip() for case in args.cases.split(',') if case.strip()]
        result = craft(now, alg=args.alg, secret=secret, key_path=args.key,
                       issuer=args.issuer, audience=args.audience, subject=args.subject,
                       claims=claims, cases=cases)
    except TokenError as error:
        print('failguard-tokens: error: %s' % error, file=sys.stderr)
        return 2
    text = json.dumps(result, indent=2, sort_keys=True) + '\n'
    if args.output == '-':
        sys.stdout.write(text)
    else:
        directory = os.path.dirname(os.path.abspath(args.output))
        with tempfile.NamedTemporaryFile('w', dir=directory, delete=False,
                                         encoding='utf-8') as out:
            out.write(text)
        os.replace(out.name, args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
