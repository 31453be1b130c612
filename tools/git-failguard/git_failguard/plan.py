"""The edge-case plan: failguard-tidy's plan files merged into one, as text, Markdown and JSON.

failguard-tidy writes the request boundaries of the units it analyses
(`failguard-plan-1`, docs/architecture.md); this module reads those files,
keeps each boundary once (a header's boundary is in every unit including it),
says for each token edge case whether an exception it raises escapes the
boundary or is handled, and writes the plan the probe reads
(`git-failguard-plan-1`, docs/findings-to-tests.md)."""
import json
import os
import re
import tempfile

from . import tokens
from .fs import json_value

UNIT_FORMAT = 'failguard-plan-1'
FORMAT = 'git-failguard-plan-1'
PLAN_READ_CAP = 64 << 20
# A header or cookie name the probe can send (RFC 9110's token).
HTTP_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# The claims a verifier the code configures with literals checks.
VERIFIER_CLAIMS = ('issuer', 'audience', 'subject')
# The value a crafted token gives a claim the code requires with any value.
ANY_VALUE = 'failguard-test'


class PlanError(Exception):
    """A plan file that is not one, or a plan that cannot be written."""


def read_json(path, what):
    try:
        with open(path, 'rb') as f:
            content = f.read(PLAN_READ_CAP + 1)
    except OSError as error:
        raise PlanError("%s '%s': %s" % (what, path, error.strerror))
    if len(content) > PLAN_READ_CAP:
        raise PlanError("%s '%s': larger than %d bytes" % (what, path, PLAN_READ_CAP))
    try:
        return json_value(content.decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as error:
        raise PlanError("%s '%s': not JSON (%s)" % (what, path, error))


def _place(value, what):
    if not isinstance(value, dict) or not isinstance(value.get('file'), str) or \
            not isinstance(value.get('line'), int):
        raise PlanError('%s: not a place (file, line)' % what)
    return {'file': value['file'], 'line': value['line']}


def _strings(value, what):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PlanError('%s: not a list of strings' % what)
    return list(value)


def _token(value, what):
    """Where a boundary reads its token: {'header' or 'cookie': NAME,
    ['scheme': WORD], 'at': place}."""
    named = [k for k in ('header', 'cookie') if isinstance(value, dict) and
             isinstance(value.get(k), str) and value[k] != '']
    if len(named) != 1 or not isinstance(value.get('scheme', ''), str):
        raise PlanError('%s: a token source that is not {header or cookie, scheme, at}' % what)
    out = {k: value[k] for k in ('header', 'cookie', 'scheme') if value.get(k)}
    out['at'] = _place(value.get('at'), what + ' token')
    return out


def _boundary(record, where):
    """A boundary of a plan file, checked, with only the members we know."""
    if not isinstance(record, dict):
        raise PlanError('%s: a boundary is not an object' % where)
    try:
        name = record['name']
        out = {'function': str(record['function']), 'name': str(name),
               'at': _place(record['at'], where + ' ' + name),
               'kind': str(record['kind'])}
        for optional in ('framework', 'via'):
            if isinstance(record.get(optional), str):
                out[optional] = record[optional]
        verifier = record.get('verifier', {})
        if not isinstance(verifier, dict) or not all(
                claim in VERIFIER_CLAIMS and isinstance(value, str)
                for claim, value in verifier.items()):
            raise PlanError('%s: %s: a verifier that is not {claim: value} (claims: %s)'
                            % (where, name, ', '.join(VERIFIER_CLAIMS)))
        if verifier:
            out['verifier'] = dict(verifier)
        claims = record.get('claims', {})
        if not isinstance(claims, dict) or not all(
                isinstance(claim, str) and claim and (value is None or isinstance(value, str))
                for claim, value in claims.items()):
            raise PlanError('%s: %s: claims that are not {claim: value or null}' % (where, name))
        if claims:
            out['claims'] = dict(claims)
        if record.get('token') is not None:
            token = _token(record['token'], '%s: %s' % (where, name))
            # A name the code writes that HTTP cannot carry says nothing.
            if all(HTTP_TOKEN.fullmatch(token.get(k, 'x')) for k in ('header', 'cookie', 'scheme')):
                out['token'] = token
        out['routes'] = []
        for route in record['routes']:
            checked = {'via': str(route['via']), 'methods': _strings(route['methods'], where),
                       'at': _place(route['at'], where + ' route')}
            if isinstance(route.get('path'), str):
                checked['path'] = route['path']
            out['routes'].append(checked)
        out['calls'] = []
        for call in record['calls']:
            outcome = call['outcome']
            if outcome not in ('escapes', 'handled'):
                raise PlanError("%s: outcome '%s' is neither 'escapes' nor 'handled'"
                                % (where, outcome))
            checked = {'api': str(call['api']), 'exception': str(call['exception']),
                       'cases': _strings(call['cases'], where), 'outcome': outcome,
                       'path': [{'function': str(hop['function']),
                                 'at': _place(hop['at'], where + ' path')}
                                for hop in call['path']]}
            if isinstance(call.get('library'), str):
                checked['library'] = call['library']
            if outcome == 'handled':
                checked['handler'] = _place(call['handler'], where + ' handler')
            out['calls'].append(checked)
    except (KeyError, TypeError) as error:
        raise PlanError('%s: a boundary without %s' % (where, error))
    return out


def read_unit_plan(path):
    """The boundaries of a failguard-tidy plan file, each with its `unit`."""
    data = read_json(path, 'plan file')
    if not isinstance(data, dict) or data.get('format') != UNIT_FORMAT or \
            not isinstance(data.get('units'), list):
        raise PlanError("plan file '%s': not a %s file" % (path, UNIT_FORMAT))
    boundaries = []
    for unit in data['units']:
        if not isinstance(unit, dict) or not isinstance(unit.get('file'), str) or \
                not isinstance(unit.get('boundaries'), list):
            raise PlanError("plan file '%s': a unit without file or boundaries" % path)
        for record in unit['boundaries']:
            boundary = _boundary(record, "plan file '%s'" % path)
            boundary['unit'] = unit['file']
            boundaries.append(boundary)
    return boundaries


def case_outcomes(boundary):
    """{case: {'outcome': 'escapes' or 'handled', 'exceptions': [...]}}: a
    case escapes when any exception it raises escapes the boundary."""
    cases = {}
    for call in boundary['calls']:
        for case in call['cases']:
            entry = cases.setdefault(case, {'outcome': 'handled', 'exceptions': []})
            if call['exception'] not in entry['exceptions']:
                entry['exceptions'].append(call['exception'])
            if call['outcome'] == 'escapes':
                entry['outcome'] = 'escapes'
    return {case: cases[case] for case in sorted(cases, key=case_order)}


def case_order(case):
    vocabulary = (tokens.CONTROL,) + tokens.CASES
    return (vocabulary.index(case) if case in vocabulary else len(vocabulary), case)


def merge(boundaries, root=None):
    """The plan document of boundaries read from any number of plan files:
    each boundary once, in file and line order, with its cases' outcomes.
    Unit paths are made relative to `root` when under it."""
    seen = {}
    for boundary in boundaries:
        key = (boundary['function'], boundary['at']['file'], boundary['at']['line'])
        if key not in seen:
            seen[key] = dict(boundary)
    merged = []
    for key in sorted(seen, key=lambda k: (k[1], k[2], seen[k]['name'])):
        boundary = seen[key]
        if root and os.path.isabs(boundary['unit']):
            relative = os.path.relpath(boundary['unit'], root)
            if not relative.startswith(os.pardir):
                boundary['unit'] = relative
        outcomes = case_outcomes(boundary)
        boundary['cases'] = [dict(case=case, **outcome) for case, outcome in outcomes.items()]
        merged.append(boundary)
    return {'format': FORMAT, 'boundaries': merged}


def read_plan(path):
    """A plan git failguard wrote (--format json)."""
    data = read_json(path, 'plan')
    if not isinstance(data, dict) or data.get('format') != FORMAT or \
            not isinstance(data.get('boundaries'), list):
        raise PlanError("plan '%s': not a %s file (write one with git failguard plan "
                        "--format json)" % (path, FORMAT))
    return merge([_boundary_with_unit(record, path) for record in data['boundaries']])


def _boundary_with_unit(record, path):
    boundary = _boundary(record, "plan '%s'" % path)
    boundary['unit'] = str(record.get('unit', ''))
    return boundary


def verifier_claims(document, given=()):
    """{claim: value} the plan's verifiers check, but the claims `given`
    otherwise; PlanError naming the first claim two boundaries disagree on."""
    claims, said = {}, {}
    for boundary in document['boundaries']:
        for claim, value in boundary.get('verifier', {}).items():
            if claim in given:
                continue
            if claims.setdefault(claim, value) != value:
                raise PlanError("the plan's verifiers check different %ss ('%s' in %s, '%s' in %s): "
                                'give --%s' % (claim, claims[claim], said[claim], value,
                                               boundary['name'], claim))
            said.setdefault(claim, boundary['name'])
    return claims


def required_claims(document, given=()):
    """{claim: value} the plan's boundaries require, but the claims `given`
    (a claim required with any value gets ANY_VALUE); PlanError naming the
    first claim two boundaries require different values of."""
    claims, said = {}, {}
    for boundary in document['boundaries']:
        for claim, value in boundary.get('claims', {}).items():
            if claim in given or value is None:
                continue
            if claims.setdefault(claim, value) != value:
                raise PlanError("the plan's boundaries require different values of claim '%s' "
                                "('%s' in %s, '%s' in %s): give --claim %s=VALUE"
                                % (claim, claims[claim], said[claim], value, boundary['name'],
                                   claim))
            said.setdefault(claim, boundary['name'])
    for boundary in document['boundaries']:
        for claim in boundary.get('claims', {}):
            if claim not in given:
                claims.setdefault(claim, ANY_VALUE)
    return claims


def _claims_text(claims):
    return ', '.join('%s=%s' % (claim, value) if value is not None else
                     '%s (any value)' % claim for claim, value in sorted(claims.items()))


def _where(place):
    return '%s:%d' % (place['file'], place['line'])


def _verifier_text(verifier):
    return ', '.join('%s %s' % (claim, verifier[claim])
                     for claim in VERIFIER_CLAIMS if claim in verifier)


def _route_text(route):
    methods = ','.join(route['methods']) or 'ANY'
    return '%s %s' % (methods, route.get('path', '(path not in the code)'))


def token_text(token):
    """'header X-Auth', 'header Authorization (scheme Bearer)', 'cookie session'."""
    if 'cookie' in token:
        return 'cookie %s' % token['cookie']
    return 'header %s%s' % (token['header'],
                            ' (scheme %s)' % token['scheme'] if token.get('scheme') else '')


def _path_text(call):
    return ' -> '.join('%s (%s)' % (hop['function'], _where(hop['at'])) for hop in call['path'])


def _library(call):
    return ' [%s]' % call['library'] if call.get('library') else ''


def _boundary_title(boundary):
    framework = boundary.get('framework')
    return '%s (%s%s) at %s' % (boundary['name'], boundary['kind'],
                                ' ' + framework if framework else '', _where(boundary['at']))


def summary(document):
    boundaries = document['boundaries']
    routes = sum(len(b['routes']) for b in boundaries)
    escaping = sum(1 for b in boundaries for c in b['cases'] if c['outcome'] == 'escapes')
    return boundaries, routes, escaping


def render_text(document):
    lines = []
    for boundary in document['boundaries']:
        lines.append('boundary %s' % _boundary_title(boundary))
        for route in boundary['routes']:
            lines.append('  route %s (%s at %s)' % (_route_text(route), route['via'],
                                                    _where(route['at'])))
        if boundary.get('token'):
            lines.append('  token from %s at %s' % (token_text(boundary['token']),
                                                   _where(boundary['token']['at'])))
        if boundary.get('verifier'):
            lines.append('  verifier checks: %s' % _verifier_text(boundary['verifier']))
        if boundary.get('claims'):
            lines.append('  requires claims: %s' % _claims_text(boundary['claims']))
        for call in boundary['calls']:
            outcome = 'escapes' if call['outcome'] == 'escapes' else \
                'handled at ' + _where(call['handler'])
            lines.append('  %s throws %s%s: %s' % (call['api'], call['exception'],
                                                   _library(call), outcome))
            lines.append('    cases: %s' % (', '.join(call['cases']) or '(none in the model)'))
            lines.append('    path: %s' % _path_text(call))
        escaping = [c['case'] for c in boundary['cases'] if c['outcome'] == 'escapes']
        if escaping:
            lines.append('  escaping cases: %s' % ', '.join(escaping))
    boundaries, routes, escaping = summary(document)
    lines.append('%d boundar%s, %d route%s, %d escaping boundary x case%s' % (
        len(boundaries), 'y' if len(boundaries) == 1 else 'ies', routes,
        '' if routes == 1 else 's', escaping, '' if escaping == 1 else 's'))
    return '\n'.join(lines) + '\n'


def _md(text):
    """Inline code for Markdown: backticks that a backtick in the text cannot close."""
    fence = '``' if '`' in text else '`'
    return '%s%s%s' % (fence, text.replace('\n', ' '), fence)


def render_markdown(document):
    """The review checklist: per boundary, each exception that reaches it and
    each token case to test, escaping ones first."""
    boundaries, routes, escaping = summary(document)
    lines = ['# Edge-case plan', '',
             '%d request boundar%s, %d route%s, %d escaping boundary x case%s.' % (
                 len(boundaries), 'y' if len(boundaries) == 1 else 'ies', routes,
                 '' if routes == 1 else 's', escaping, '' if escaping == 1 else 's')]
    for boundary in boundaries:
        lines += ['', '## %s' % _md(boundary['name']), '',
                  '%s%s at %s' % (boundary['kind'],
                                  ', ' + boundary['framework'] if boundary.get('framework') else '',
                                  _md(_where(boundary['at'])))]
        if boundary['routes']:
            lines += [''] + ['- route %s (%s)' % (_md(_route_text(route)), _md(_where(route['at'])))
                             for route in boundary['routes']]
        if boundary.get('token'):
            lines += ['', 'The token is read from %s at %s.' % (
                _md(token_text(boundary['token'])), _md(_where(boundary['token']['at'])))]
        if boundary.get('verifier'):
            lines += ['', 'The verifier checks %s.' % ', '.join(
                '%s %s' % (claim, _md(boundary['verifier'][claim]))
                for claim in VERIFIER_CLAIMS if claim in boundary['verifier'])]
        if boundary.get('claims'):
            lines += ['', 'The code requires the claims %s.' % _md(_claims_text(boundary['claims']))]
        if boundary['calls']:
            lines += ['', '| call | exception | token cases | outcome |', '| --- | --- | --- | --- |']
            for call in boundary['calls']:
                outcome = '**escapes**' if call['outcome'] == 'escapes' else \
                    'handled at %s' % _md(_where(call['handler']))
                lines.append('| %s%s | %s | %s | %s |' % (
                    _md(call['api']), ' (%s)' % call['library'] if call.get('library') else '',
                    _md(call['exception']), ', '.join(call['cases']) or '-', outcome))
        if boundary['cases']:
            lines.append('')
            ordered = sorted(boundary['cases'], key=lambda c: c['outcome'] != 'escapes')
            for case in ordered:
                if case['outcome'] == 'escapes':
                    lines.append('- [ ] %s: **escapes** (%s): handle it, then test that the '
                                 'route answers 4xx' % (_md(case['case']),
                                                        ', '.join(case['exceptions'])))
                else:
                    lines.append('- [ ] %s: handled (%s): test that the route answers 4xx'
                                 % (_md(case['case']), ', '.join(case['exceptions'])))
    return '\n'.join(lines) + '\n'


def render_json(document):
    return json.dumps(document, indent=2, sort_keys=True) + '\n'


RENDERERS = {'text': render_text, 'markdown': render_markdown, 'json': render_json}


def check_writable(path):
    """Refuses, before anything is done, an output that cannot be written."""
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise PlanError("cannot write '%s': a directory" % path)
    if not os.path.isdir(directory) or not os.access(directory, os.W_OK):
        raise PlanError("cannot write '%s': no writable directory '%s'" % (path, directory))


def write_atomically(path, text):
    """Writes `text` whole to `path`, or not at all."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix='.failguard-')
    except OSError as error:
        raise PlanError("cannot write '%s': %s" % (path, error.strerror))
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise PlanError("cannot write '%s': %s" % (path, error.strerror))


def crafted_tokens(document, now, alg='HS256', secret=None, key_path=None, issuer=None,
                   audience=None, subject=None, claims=None):
    """One crafted token for every case of the vocabulary and the valid
    control (failguard-tokens-1), not only the cases the plan names: a case
    the plan does not name that fails a route is a gap in the model. The
    issuer, audience and subject given win over those the plan's verifiers
    check (verifier_claims), the claims given over those its boundaries
    require (required_claims)."""
    given = {'issuer': issuer, 'audience': audience, 'subject': subject}
    from_code = verifier_claims(document, [claim for claim, value in given.items() if value])
    required = required_claims(document, given=claims or {})
    required.update(claims or {})
    try:
        return tokens.craft(now, alg=alg, secret=secret, key_path=key_path,
                            issuer=issuer or from_code.get('issuer'),
                            audience=audience or from_code.get('audience'),
                            subject=subject or from_code.get('subject'), claims=required)
    except tokens.TokenError as error:
        raise PlanError(str(error))
