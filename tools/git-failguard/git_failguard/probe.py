"""The probe: each crafted token sent to each route of an edge-case plan, against a running service.

Per route x token case the answer is compared with the plan: a 5xx, a
connection closed without an answer (reset) or no answer in time where the
plan says an exception that the case raises escapes the boundary confirms the
finding; the same where the plan says it is handled, or for a case the plan
does not name, is a gap in the model; a 4xx is the graceful answer. The probe
is bounded in requests, rate and time, and by default only talks to the
loopback interface."""
import http.client
import ipaddress
import json
import os
import socket
import sys
import time
import urllib.parse

from . import plan as plan_module
from . import tokens

FORMAT = 'failguard-probe-1'
TOOL_URI = 'https://github.com/failguard/failguard/blob/main/docs/findings-to-tests.md'
# Characters of a route path the code writes as a pattern, not a URL.
PATTERN_CHARACTERS = '{}<>()*[]^$\\'
FAILURES = ('reset', 'timeout')


class ProbeError(Exception):
    """A probe that cannot be run or finished: exit 2, nothing written."""


class Limits:
    def __init__(self, max_requests=2000, rate=20.0, timeout=5.0, max_time=300.0):
        if max_requests < 1 or rate <= 0 or timeout <= 0 or max_time <= 0:
            raise ProbeError('--max-requests, --rate, --timeout and --max-time take positive numbers')
        self.max_requests, self.rate = max_requests, rate
        self.timeout, self.max_time = timeout, max_time


def target(url, allow_remote=False):
    """(host, port, base path) of an http:// URL; refuses one that is not on
    the loopback interface unless allow_remote."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != 'http' or not parsed.hostname:
        raise ProbeError("--url '%s': expected http://HOST:PORT[/PATH]" % url)
    try:
        port = parsed.port or 80
    except ValueError:
        raise ProbeError("--url '%s': the port is not a number from 0 to 65535" % url)
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parsed.hostname, port,
                                                               type=socket.SOCK_STREAM)}
    except socket.gaierror as error:
        raise ProbeError("--url '%s': cannot resolve '%s' (%s)" % (url, parsed.hostname,
                                                                    error.strerror))
    remote = sorted(a for a in addresses if not ipaddress.ip_address(a.split('%')[0]).is_loopback)
    if remote and not allow_remote:
        raise ProbeError("--url '%s': %s is not a loopback address; the probe sends crafted "
                         "tokens only to the local machine unless --allow-remote is given"
                         % (url, remote[0]))
    return parsed.hostname, port, parsed.path.rstrip('/')


def unprobed_reason(route):
    """Why a route of the plan cannot be sent a request, or None."""
    path = route.get('path')
    if not path:
        return 'the code does not say its path'
    if not path.startswith('/') or any(c in path for c in PATTERN_CHARACTERS) or '/:' in path:
        return "'%s' is a pattern, not a path" % path
    return None


def probe_routes(document):
    """[(boundary, method, path)] of the routes the plan gives a literal path
    (the first method the code names, else GET)."""
    return [(boundary, (route['methods'] or ['GET'])[0], route['path'])
            for boundary in document['boundaries'] for route in boundary['routes']
            if unprobed_reason(route) is None]


def credential(boundary, header=None, scheme='Bearer'):
    """Where a request to the boundary carries its token: ('header', NAME,
    SCHEME) or ('cookie', NAME, ''). The `header` given wins (with `scheme`);
    else the header or cookie the plan says the code reads, with the scheme
    the code strips; else Authorization. `scheme` precedes the token in an
    Authorization header whose scheme the code does not say; other headers
    carry the bare token."""
    if header is not None:
        return ('header', header, scheme)
    token = boundary.get('token')
    if token and 'cookie' in token:
        return ('cookie', token['cookie'], '')
    name = token['header'] if token else 'Authorization'
    if token and token.get('scheme'):
        return ('header', name, token['scheme'])
    return ('header', name, scheme if name.lower() == 'authorization' else '')


def credential_text(where):
    kind, name, scheme = where
    return '%s %s%s' % (kind, name, ' (scheme %s)' % scheme if scheme else '')


def skipped_routes(document):
    """[(boundary, route, why)] of the routes the probe cannot send to."""
    return [(boundary, route, unprobed_reason(route))
            for boundary in document['boundaries'] for route in boundary['routes']
            if unprobed_reason(route) is not None]


class Service:
    """Sends one request per connection to the service, bounded in time and rate."""

    def __init__(self, host, port, base, limits):
        self.host, self.port, self.base = host, port, base
        self.limits = limits
        self.started = time.monotonic()
        self.last = None
        self.sent = 0

    def remaining(self):
        return self.limits.max_time - (time.monotonic() - self.started)

    def request(self, method, path, token=None, where=('header', 'Authorization', 'Bearer')):
        """The status (int), 'reset' (closed without an answer), 'timeout',
        or 'refused'; the token goes where `where` (credential()) says."""
        if self.sent >= self.limits.max_requests:
            raise ProbeError('more than --max-requests %d requests' % self.limits.max_requests)
        if self.last is not None:
            wait = 1.0 / self.limits.rate - (time.monotonic() - self.last)
            if wait > 0:
                time.sleep(wait)
        remaining = self.remaining()
        if remaining <= 0:
            raise ProbeError('the probe did not finish within --max-time %gs' % self.limits.max_time)
        self.last = time.monotonic()
        self.sent += 1
        headers = {'Connection': 'close'}
        if token is not None:
            kind, name, scheme = where
            if kind == 'cookie':
                headers['Cookie'] = '%s=%s' % (name, token)
            else:
                headers[name] = ('%s %s' % (scheme, token)) if scheme else token
        connection = http.client.HTTPConnection(self.host, self.port,
                                                timeout=min(self.limits.timeout, remaining))
        try:
            connection.request(method, self.base + path, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except ConnectionRefusedError:
            return 'refused'
        except socket.timeout:
            return 'timeout'
        except (ConnectionError, http.client.HTTPException, OSError):
            return 'reset'
        finally:
            connection.close()


def verdict(case, status, planned):
    """What an answer says, given the plan's outcome for the case at the
    route's boundary (`planned`: 'escapes', 'handled' or None)."""
    failed = status in FAILURES or (isinstance(status, int) and status >= 500)
    if case == tokens.CONTROL:
        return 'control-failed' if failed else 'control'
    if failed:
        return 'confirmed' if planned == 'escapes' else 'model-gap'
    if isinstance(status, int) and 400 <= status < 500:
        return 'not-confirmed' if planned == 'escapes' else 'graceful'
    return 'accepted'


def run(document, token_set, url, limits, allow_remote=False, header=None, scheme='Bearer'):
    """The probe's report (failguard-probe-1)."""
    host, port, base = target(url, allow_remote)
    routes = probe_routes(document)
    if not routes:
        raise ProbeError('the plan has no route with a literal path to probe')
    crafted = token_set['tokens']
    cases = sorted(crafted, key=plan_module.case_order)
    total = len(routes) * len(cases) + 1
    if total > limits.max_requests:
        raise ProbeError('%d routes x %d tokens need %d requests, more than --max-requests %d'
                         % (len(routes), len(cases), total, limits.max_requests))
    service = Service(host, port, base, limits)
    # The service answers at all before anything is judged.
    first = service.request('GET', routes[0][2])
    if first == 'refused':
        raise ProbeError("--url '%s': connection refused (is the service running?)" % url)
    if first == 'timeout':
        raise ProbeError("--url '%s': no answer within --timeout %gs" % (url, limits.timeout))
    results = []
    for boundary, method, path in routes:
        outcomes = {c['case']: c for c in boundary['cases']}
        where = credential(boundary, header, scheme)
        for case in cases:
            status = service.request(method, path, crafted[case], where)
            if status == 'refused':
                raise ProbeError("--url '%s': the service stopped accepting connections "
                                 "(at %s %s, token case '%s')" % (url, method, path, case))
            planned = outcomes.get(case)
            results.append({
                'boundary': boundary['name'], 'at': boundary['at'],
                'route': {'method': method, 'path': path}, 'case': case, 'status': status,
                'token_in': credential_text(where),
                'planned': planned['outcome'] if planned else None,
                'exceptions': planned['exceptions'] if planned else [],
                'verdict': verdict(case, status, planned['outcome'] if planned else None)})
    counts = {}
    for result in results:
        counts[result['verdict']] = counts.get(result['verdict'], 0) + 1
    return {'format': FORMAT, 'url': url, 'requests': service.sent,
            'seconds': round(time.monotonic() - service.started, 3),
            'results': results, 'counts': counts,
            'skipped_routes': [{'boundary': b['name'], 'via': r['via'], 'at': r['at'],
                                'reason': why} for b, r, why in skipped_routes(document)],
            'skipped_cases': token_set.get('skipped', {})}


def failed(report):
    """Whether any answer was a 5xx, a reset or a timeout."""
    return any(r['status'] in FAILURES or (isinstance(r['status'], int) and r['status'] >= 500)
               for r in report['results'])


def render_text(report):
    lines = []
    for r in report['results']:
        note = ''
        if r['verdict'] in ('confirmed', 'not-confirmed'):
            note = ' (the plan: %s escapes %s)' % (', '.join(r['exceptions']), r['boundary'])
        elif r['verdict'] == 'model-gap':
            note = (' (the plan: %s handled in %s)' % (', '.join(r['exceptions']), r['boundary'])
                    if r['planned'] == 'handled' else
                    ' (the plan names no exception of this case in %s)' % r['boundary'])
        lines.append('%s %s %s: %s %s%s' % (r['route']['method'], r['route']['path'], r['case'],
                                            r['status'], r['verdict'], note))
    for skipped in report['skipped_routes']:
        lines.append('skipped route of %s at %s:%d: %s' % (
            skipped['boundary'], skipped['at']['file'], skipped['at']['line'], skipped['reason']))
    for case, why in sorted(report['skipped_cases'].items()):
        lines.append('skipped token case %s: %s' % (case, why))
    sent = []
    for r in report['results']:
        route = '%s %s' % (r['route']['method'], r['route']['path'])
        if (route, r['token_in']) not in sent:
            sent.append((route, r['token_in']))
    lines += ['tokens to %s in %s' % item for item in sent]
    counts = report['counts']
    lines.append('%d requests in %.1fs: %d confirmed, %d model gap%s, %d graceful, '
                 '%d not confirmed, %d accepted' % (
                     report['requests'], report['seconds'], counts.get('confirmed', 0),
                     counts.get('model-gap', 0), '' if counts.get('model-gap', 0) == 1 else 's',
                     counts.get('graceful', 0), counts.get('not-confirmed', 0),
                     counts.get('accepted', 0)))
    return '\n'.join(lines) + '\n'


def render_json(report):
    return json.dumps(report, indent=2, sort_keys=True) + '\n'


RULES = {
    'confirmed': ('failguard-probe-confirmed', 'error',
                  'An exception the plan says escapes the request boundary failed the request'),
    'model-gap': ('failguard-probe-model-gap', 'warning',
                  'A request failed where the plan says the exception is handled, or for a '
                  'token case the plan does not name'),
    'control-failed': ('failguard-probe-control-failed', 'warning',
                       'The valid token failed the request'),
}


def render_sarif(report):
    rules = [{'id': rule, 'shortDescription': {'text': text},
              'defaultConfiguration': {'level': level}, 'helpUri': TOOL_URI}
             for rule, level, text in RULES.values()]
    results = []
    for r in report['results']:
        if r['verdict'] not in RULES:
            continue
        rule, level, _ = RULES[r['verdict']]
        message = '%s %s answered %s to a token with case %s' % (
            r['route']['method'], r['route']['path'], r['status'], r['case'])
        if r['exceptions']:
            message += ' (%s %s in %s)' % (', '.join(r['exceptions']), r['planned'], r['boundary'])
        results.append({
            'ruleId': rule, 'level': level, 'message': {'text': message},
            'locations': [{'physicalLocation': {
                'artifactLocation': {'uri': urllib.parse.quote(r['at']['file'])},
                'region': {'startLine': max(1, r['at']['line'])}}}],
            'partialFingerprints': {'failguardProbe/v1': '%s|%s %s|%s' % (
                r['boundary'], r['route']['method'], r['route']['path'], r['case'])},
            'properties': {'route': '%s %s' % (r['route']['method'], r['route']['path']),
                           'tokenCase': r['case'], 'status': r['status']}})
    sarif = {'$schema': 'https://json.schemastore.org/sarif-2.1.0.json', 'version': '2.1.0',
             'runs': [{'tool': {'driver': {'name': 'git-failguard probe',
                                           'informationUri': TOOL_URI, 'rules': rules}},
                       'results': results}]}
    return json.dumps(sarif, indent=2, sort_keys=True) + '\n'


RENDERERS = {'text': render_text, 'json': render_json, 'sarif': render_sarif}


def read_tokens(path):
    """A token set the plan's --tokens wrote (failguard-tokens-1)."""
    try:
        data = plan_module.read_json(path, 'tokens file')
    except plan_module.PlanError as error:
        raise ProbeError(str(error))
    if not isinstance(data, dict) or data.get('format') != tokens.FORMAT or \
            not isinstance(data.get('tokens'), dict) or \
            not all(isinstance(t, str) for t in data['tokens'].values()):
        raise ProbeError("tokens file '%s': not a %s file" % (path, tokens.FORMAT))
    unknown = [c for c in data['tokens'] if c != tokens.CONTROL and c not in tokens.CASES]
    if unknown:
        raise ProbeError("tokens file '%s': unknown token case '%s'" % (path, unknown[0]))
    return data


def argument_parser(parser_class):
    parser = parser_class(
        prog='git failguard probe',
        description='Send each crafted token to each route of an edge-case plan (git failguard '
                    'plan --format json) on a running service; exit 1 on any 5xx, reset or '
                    'timeout, 2 when the probe cannot run.')
    parser.add_argument('--url', required=True, help='the service, http://127.0.0.1:PORT[/PATH]')
    parser.add_argument('plan', metavar='PLAN')
    parser.add_argument('--tokens', metavar='FILE',
                        help='the crafted tokens (git failguard plan --tokens); default: craft '
                             'them here from the key options')
    parser.add_argument('--format', choices=sorted(RENDERERS), default='text')
    parser.add_argument('--output', metavar='FILE', help='where to write the report (default: '
                        'standard output); written whole, or not at all')
    parser.add_argument('--header',
                        help='the request header every route reads the token from (default: '
                             'the header or cookie the plan says each route reads, else '
                             'Authorization)')
    parser.add_argument('--scheme', default='Bearer',
                        help="what precedes the token in the Authorization header, or in "
                             "--header ('' for the bare token)")
    parser.add_argument('--max-requests', type=int, default=2000, metavar='N')
    parser.add_argument('--rate', type=float, default=20.0, metavar='PER_SECOND')
    parser.add_argument('--timeout', type=float, default=5.0, metavar='SECONDS',
                        help='for one request')
    parser.add_argument('--max-time', type=float, default=300.0, metavar='SECONDS',
                        help='for the whole probe')
    parser.add_argument('--allow-remote', action='store_true',
                        help='send to a URL that is not on the loopback interface')
    tokens.add_token_options(parser)
    return parser


def crafted_from_options(args, document):
    """The token set the key options describe, with the claims the plan's
    verifiers check where the options do not say; TokenError or PlanError
    when they cannot."""
    now = tokens.parse_now(args.now) if args.now is not None else int(time.time())
    secret = tokens.secret_from_environment(args.secret_env) if args.secret_env else None
    if args.key and not os.path.isfile(args.key):
        raise tokens.TokenError("--key '%s': not a regular file" % args.key)
    return plan_module.crafted_tokens(document, now, alg=args.alg, secret=secret,
                                      key_path=args.key, issuer=args.issuer,
                                      audience=args.audience, subject=args.subject,
                                      claims=tokens.parse_claims(args.claim))


def probe_main(argv, parser_class, error_type, check_writable=None):
    """git failguard probe: 0 no failure, 1 a 5xx, reset or timeout; errors
    are raised as error_type (one line, exit 2); `check_writable(option,
    path)` refuses an --output the tools must not write (paths.py)."""
    args = argument_parser(parser_class).parse_args(argv)
    if args.output and check_writable:
        check_writable('--output', args.output)
    try:
        limits = Limits(args.max_requests, args.rate, args.timeout, args.max_time)
        if args.output:
            plan_module.check_writable(args.output)
        document = plan_module.read_plan(args.plan)
        if args.tokens:
            token_set = read_tokens(args.tokens)
        else:
            token_set = crafted_from_options(args, document)
        report = run(document, token_set, args.url, limits, args.allow_remote, args.header,
                     args.scheme)
        text = RENDERERS[args.format](report)
        if args.output:
            plan_module.write_atomically(args.output, text)
    except (ProbeError, plan_module.PlanError, tokens.TokenError) as error:
        raise error_type(str(error))
    if not args.output:
        sys.stdout.write(text)
    return 1 if failed(report) else 0
