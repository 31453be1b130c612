#!/usr/bin/env python3
"""tokens_test.py TOKENS_PY: unit tests of the token crafter (git_failguard/tokens.py)."""
import base64
import contextlib
import hashlib
import hmac
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

spec = importlib.util.spec_from_file_location('tokens', sys.argv.pop(1))
tokens = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tokens)

NOW = 1767225600  # 2026-01-01T00:00:00Z
SECRET = b'failguard unit test secret'


def unb64(part):
    return base64.urlsafe_b64decode(part + '=' * (-len(part) % 4))


def parts(token):
    header, payload, signature = token.split('.')
    return json.loads(unb64(header)), json.loads(unb64(payload)), unb64(signature)


def hs_valid(token, secret=SECRET, digest=hashlib.sha256):
    signing_input, _, signature = token.rpartition('.')
    expected = hmac.new(secret, signing_input.encode('ascii'), digest).digest()
    return hmac.compare_digest(expected, unb64(signature))


def der_signature(raw):
    """The DER ECDSA signature openssl verifies, from JWS R || S."""
    def integer(value):
        data = value.to_bytes(33, 'big').lstrip(b'\0')
        if data[0] & 0x80:
            data = b'\0' + data
        return b'\x02' + bytes([len(data)]) + data
    body = integer(int.from_bytes(raw[:32], 'big')) + integer(int.from_bytes(raw[32:], 'big'))
    return b'\x30' + bytes([len(body)]) + body


class Keys:
    """Test keys made once with openssl."""
    directory = tempfile.mkdtemp(prefix='failguard-tokens-test-')

    @classmethod
    def make(cls, name, options):
        private = os.path.join(cls.directory, name + '.pem')
        if not os.path.exists(private):
            subprocess.run(['openssl', 'genpkey'] + options + ['-out', private], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run(['openssl', 'pkey', '-in', private, '-pubout', '-out',
                            private + '.pub'], check=True)
        return private

    @classmethod
    def ec(cls):
        return cls.make('ec', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'])

    @classmethod
    def rsa(cls):
        return cls.make('rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'])

    @classmethod
    def openssl_verifies(cls, public, token, der=False):
        signing_input, _, signature = token.rpartition('.')
        signature = unb64(signature)
        if der:
            signature = der_signature(signature)
        sig_file = os.path.join(cls.directory, 'signature')
        data_file = os.path.join(cls.directory, 'data')
        with open(sig_file, 'wb') as out:
            out.write(signature)
        with open(data_file, 'wb') as out:
            out.write(signing_input.encode('ascii'))
        return subprocess.run(['openssl', 'dgst', '-sha256', '-verify', public, '-signature',
                               sig_file, data_file], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0


class KnownAnswers(unittest.TestCase):
    def test_hs256_matches_rfc_7515_appendix_a1(self):
        key = unb64('AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUu'
                    'TwjAzZr1Z9CAow')
        signing_input = ('eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOj'
                         'EzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ')
        signature = tokens.Signer('HS256', secret=key).sign(signing_input)
        self.assertEqual(tokens.b64url(signature), 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')

    def test_es256_nonce_matches_rfc_6979_appendix_a25(self):
        private = 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
        signature = tokens.es256_sign(private, b'sample')
        self.assertEqual(signature.hex().upper(),
                         'EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716'
                         'F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8')

    def test_now_in_iso_form_is_the_same_second(self):
        self.assertEqual(tokens.parse_now('2026-01-01T00:00:00Z'), NOW)
        self.assertEqual(tokens.parse_now(str(NOW)), NOW)
        with self.assertRaises(tokens.TokenError):
            tokens.parse_now('tomorrow')


class Cases(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.made = tokens.craft(NOW, secret=SECRET, issuer='auth0', audience='api',
                                subject='alice', claims={'role': 'admin'})
        cls.tokens = cls.made['tokens']

    def test_one_token_per_case_and_the_control(self):
        self.assertEqual(set(self.tokens), set(tokens.CASES) | {'valid'})
        self.assertEqual(self.made['skipped'], {})
        self.assertEqual(len(set(self.tokens.values())), len(self.tokens))

    def test_the_valid_token_has_the_configured_claims_and_a_good_signature(self):
        header, payload, _ = parts(self.tokens['valid'])
        self.assertEqual(header, {'alg': 'HS256', 'typ': 'JWT'})
        self.assertEqual((payload['iss'], payload['aud'], payload['sub'], payload['role']),
                         ('auth0', 'api', 'alice', 'admin'))
        self.assertTrue(payload['iat'] <= NOW and payload['nbf'] <= NOW < payload['exp'])
        self.assertTrue(hs_valid(self.tokens['valid']))
        self.assertFalse(hs_valid(self.tokens['valid'], secret=b'another secret'))

    def test_time_cases_are_a_day_off_and_otherwise_valid(self):
        _, expired, _ = parts(self.tokens['expired'])
        self.assertLessEqual(expired['exp'], NOW - tokens.DAY)
        _, early, _ = parts(self.tokens['not-yet-valid'])
        self.assertGreaterEqual(early['nbf'], NOW + tokens.DAY)
        self.assertGreater(early['exp'], early['nbf'])
        _, future, _ = parts(self.tokens['issued-in-future'])
        self.assertGreaterEqual(future['iat'], NOW + tokens.DAY)
        self.assertLessEqual(future['nbf'], NOW)
        self.assertGreater(future['exp'], future['iat'])
        for case in ('expired', 'not-yet-valid', 'issued-in-future'):
            self.assertTrue(hs_valid(self.tokens[case]), case)

    def test_claim_cases_change_one_claim(self):
        _, valid, _ = parts(self.tokens['valid'])
        for case, claim in (('wrong-issuer', 'iss'), ('wrong-audience', 'aud'),
                            ('wrong-subject', 'sub')):
            _, payload, _ = parts(self.tokens[case])
            self.assertNotEqual(payload[claim], valid[claim], case)
            self.assertEqual({k: v for k, v in payload.items() if k != claim},
                             {k: v for k, v in valid.items() if k != claim}, case)
            self.assertTrue(hs_valid(self.tokens[case]), case)

    def test_signature_and_algorithm_cases(self):
        self.assertFalse(hs_valid(self.tokens['bad-signature']))
        self.assertEqual(parts(self.tokens['bad-signature'])[:2], parts(self.tokens['valid'])[:2])
        header, _, signature = parts(self.tokens['none-algorithm'])
        self.assertEqual((header['alg'], signature), ('none', b''))
        self.assertEqual(parts(self.tokens['unsupported-algorithm'])[0]['alg'], 'XS256')
        header, _, _ = parts(self.tokens['algorithm-mismatch'])
        self.assertEqual(header['alg'], 'HS384')
        self.assertTrue(hs_valid(self.tokens['algorithm-mismatch'], digest=hashlib.sha384))
        self.assertNotIn('alg', parts(self.tokens['missing-algorithm'])[0])
        self.assertEqual(parts(self.tokens['alg-not-string'])[0]['alg'], 256)

    def test_malformed_cases(self):
        self.assertEqual(self.tokens['not-three-parts'].count('.'), 1)
        payload_part = self.tokens['bad-base64url'].split('.')[1]
        self.assertTrue(set(payload_part) - set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
                                                '0123456789-_'))
        for case, index in (('header-not-json', 0), ('payload-not-json', 1)):
            with self.assertRaises(ValueError, msg=case):
                json.loads(unb64(self.tokens[case].split('.')[index]))
        self.assertIsInstance(parts(self.tokens['header-not-object'])[0], list)
        self.assertIsInstance(parts(self.tokens['payload-not-object'])[1], list)

    def test_missing_wrong_type_and_null_claims(self):
        header, payload, _ = parts(self.tokens['missing-claim'])
        self.assertEqual((header, payload), ({'alg': 'HS256'}, {}))
        _, wrong, _ = parts(self.tokens['claim-wrong-type'])
        for claim in ('iss', 'sub', 'aud', 'jti', 'role'):
            self.assertIsInstance(wrong[claim], int, claim)
        for claim in ('exp', 'nbf', 'iat'):
            self.assertIsInstance(wrong[claim], str, claim)
        _, null, _ = parts(self.tokens['claim-null'])
        self.assertEqual(set(null), set(parts(self.tokens['valid'])[1]))
        self.assertEqual(set(null.values()), {None})
        for case in ('missing-claim', 'claim-wrong-type', 'claim-null'):
            self.assertTrue(hs_valid(self.tokens[case]), case)

    def test_the_same_inputs_make_the_same_tokens(self):
        again = tokens.craft(NOW, secret=SECRET, issuer='auth0', audience='api',
                             subject='alice', claims={'role': 'admin'})
        self.assertEqual(again, self.made)
        later = tokens.craft(NOW + 1, secret=SECRET, issuer='auth0', audience='api',
                             subject='alice', claims={'role': 'admin'})
        self.assertNotEqual(later['tokens']['valid'], self.tokens['valid'])

    def test_without_a_key_only_the_cases_that_need_no_signature(self):
        made = tokens.craft(NOW)
        self.assertEqual(set(made['skipped']), set(tokens.SIGNED_CASES))
        self.assertEqual(set(made['tokens']) | set(made['skipped']),
                         set(tokens.CASES) | {'valid'})
        self.assertEqual(made['tokens']['none-algorithm'].split('.')[2], '')

    def test_chosen_cases_come_with_the_control(self):
        made = tokens.craft(NOW, secret=SECRET, cases=['expired'])
        self.assertEqual(set(made['tokens']), {'valid', 'expired'})
        with self.assertRaises(tokens.TokenError):
            tokens.craft(NOW, secret=SECRET, cases=['expird'])


class PublicKeys(unittest.TestCase):
    def test_es256_signatures_verify_and_repeat(self):
        key = Keys.ec()
        made = tokens.craft(NOW, alg='ES256', key_path=key)
        valid = made['tokens']['valid']
        self.assertEqual(len(unb64(valid.split('.')[2])), 64)
        self.assertTrue(Keys.openssl_verifies(key + '.pub', valid, der=True))
        self.assertFalse(Keys.openssl_verifies(key + '.pub', made['tokens']['bad-signature'],
                                               der=True))
        self.assertEqual(tokens.craft(NOW, alg='ES256', key_path=key), made)

    def test_rs256_signatures_verify(self):
        key = Keys.rsa()
        made = tokens.craft(NOW, alg='RS256', key_path=key)
        self.assertTrue(Keys.openssl_verifies(key + '.pub', made['tokens']['valid']))
        self.assertFalse(Keys.openssl_verifies(key + '.pub', made['tokens']['bad-signature']))

    def test_algorithm_mismatch_is_hs256_keyed_with_the_public_key(self):
        key = Keys.rsa()
        mismatch = tokens.craft(NOW, alg='RS256', key_path=key)['tokens']['algorithm-mismatch']
        self.assertEqual(parts(mismatch)[0]['alg'], 'HS256')
        with open(key + '.pub', 'rb') as public:
            self.assertTrue(hs_valid(mismatch, secret=public.read()))

    def test_a_key_of_the_wrong_kind_is_refused(self):
        with self.assertRaisesRegex(tokens.TokenError, 'not a P-256 private key'):
            tokens.craft(NOW, alg='ES256', key_path=Keys.rsa())
        with self.assertRaisesRegex(tokens.TokenError, 'not an RSA private key'):
            tokens.craft(NOW, alg='RS256', key_path=Keys.ec())
        with self.assertRaisesRegex(tokens.TokenError, 'signs with a secret'):
            tokens.craft(NOW, alg='HS256', key_path=Keys.ec())


class CommandLine(unittest.TestCase):
    def run_main(self, argv, env=None):
        out, err = io.StringIO(), io.StringIO()
        saved = dict(os.environ)
        os.environ.update(env or {})
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = tokens.main(argv)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        return status, out.getvalue(), err.getvalue()

    def test_writes_json_keyed_by_case(self):
        output = os.path.join(Keys.directory, 'tokens.json')
        status, _, err = self.run_main(
            ['--now', '2026-01-01T00:00:00Z', '--secret-env', 'FG_SECRET', '--issuer', 'auth0',
             '--claim', 'role=admin', '--output', output], env={'FG_SECRET': 'failguard unit test secret'})
        self.assertEqual((status, err), (0, ''))
        with open(output, encoding='utf-8') as written:
            result = json.load(written)
        self.assertEqual(result['format'], 'failguard-tokens-1')
        self.assertEqual(result['now'], NOW)
        self.assertEqual(result['claims']['required'], {'role': 'admin'})
        self.assertEqual(result['tokens'],
                         tokens.craft(NOW, secret=SECRET, issuer='auth0',
                                      claims={'role': 'admin'})['tokens'])

    def test_errors_are_one_line_and_exit_2(self):
        for argv, env, message in (
                (['--secret-env', 'FG_UNSET'], {}, "--secret-env: 'FG_UNSET' is not set"),
                (['--now', 'soon'], {}, "--now 'soon'"),
                (['--cases', 'expired,expird', '--secret-env', 'FG_SECRET'],
                 {'FG_SECRET': 's'}, "unknown token case 'expird'"),
                (['--claim', 'role'], {}, "--claim 'role': expected NAME=VALUE"),
                (['--alg', 'PS256'], {}, "unsupported --alg 'PS256'"),
                (['--alg', 'ES256', '--key', '/nonexistent.pem'], {}, 'not a regular file')):
            os.environ.pop('FG_UNSET', None)
            status, out, err = self.run_main(argv, env)
            self.assertEqual(status, 2, argv)
            self.assertEqual(out, '', argv)
            self.assertEqual(err.count('\n'), 1, err)
            self.assertIn(message, err)


if __name__ == '__main__':
    unittest.main(verbosity=1)
