#!/usr/bin/env python3
"""Benchmark: the cost of failguard-auth-exception-escape over a plain clang-tidy run.

Runs failguard-tidy with only failguard-auth-exception-escape, the same binary
with clang-tidy's own bugprone-exception-escape, and with one cheap built-in
check, on generated translation units that include the real cpp-jwt and Poco
headers (Debian libcpp-jwt-dev, libpoco-dev). The configurations run
alternately in one process, several rounds; the script prints the median CPU
time of each and the ratios of failguard's check to the other two.

Usage: bench/auth_exception_escape.py [--tidy build/bin/failguard-tidy] [--units 6] [--rounds 5]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

BASELINE_CHECK = 'readability-avoid-const-params-in-decls'
PEER_CHECK = 'bugprone-exception-escape'
CHECK = 'failguard-auth-exception-escape'

HEADER = '''#include <jwt/jwt.hpp>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/JWTException.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <optional>
#include <string>
'''

UNIT = '''
namespace unit{u}_{i} {{
using namespace jwt::params;
std::optional<std::string> subject(const std::string &raw) {{
  try {{
    auto obj = jwt::decode(raw, algorithms({{"HS256"}}), secret("k"), verify(true));
    return obj.payload().get_claim_value<std::string>("sub");
  }} catch (const jwt::DecodeError &) {{
    return std::nullopt;
  }} catch (const jwt::VerificationError &) {{
    return std::nullopt;
  }}
}}
static bool signatureOk(const Poco::JWT::Signer &signer, const std::string &raw) {{
  Poco::JWT::Token token;
  return signer.tryVerify(raw, token);
}}
class Handler : public Poco::Net::HTTPRequestHandler {{
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {{
    Poco::JWT::Signer signer("secret");
    try {{
      if (!signatureOk(signer, request.get("Authorization")))
        response.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
      auto user = subject(request.get("Authorization"));
      response.set("X-User", user.value_or("anonymous"));
    }} catch (const Poco::Exception &) {{
      response.setStatus(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
    }}
  }}
}};
// One unguarded handler per group, so the reporting path is measured too.
class BareHandler : public Poco::Net::HTTPRequestHandler {{
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {{
    Poco::JWT::Signer("secret").verify(request.get("Authorization"));
  }}
}};
}}
'''


def generate(directory, units, handlers_per_unit):
    paths = []
    for u in range(units):
        path = os.path.join(directory, 'unit%d.cpp' % u)
        with open(path, 'w') as f:
            f.write(HEADER)
            for i in range(handlers_per_unit):
                f.write(UNIT.format(u=u, i=i))
        paths.append(path)
    return paths


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.exit('benchmark: %s failed:\n%s%s' % (' '.join(command), run.stdout, run.stderr))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), run.stdout


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--tidy', default=os.path.join(root, 'build', 'bin', 'failguard-tidy'))
    parser.add_argument('--units', type=int, default=6)
    parser.add_argument('--handlers', type=int, default=20, help='handlers per unit')
    parser.add_argument('--rounds', type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        units = generate(directory, args.units, args.handlers)
        flags = ['--', '-std=c++17']
        configs = {'plain (%s)' % BASELINE_CHECK: BASELINE_CHECK,
                   'peer (%s)' % PEER_CHECK: PEER_CHECK,
                   'failguard (%s)' % CHECK: CHECK}
        times = {name: [] for name in configs}
        findings = None
        for _ in range(args.rounds):
            for name, check in configs.items():
                total = 0.0
                for unit in units:
                    seconds, out = cpu_seconds([args.tidy, '--quiet', '--checks=-*,' + check, unit] + flags)
                    total += seconds
                    if check == CHECK:
                        findings = (findings or 0) + out.count('warning:')
                times[name].append(total)
        medians = {name: statistics.median(values) for name, values in times.items()}
        plain, peer, failguard = medians.values()
        print('%d translation units x %d handlers, real cpp-jwt and Poco headers, %d rounds' %
              (args.units, args.handlers, args.rounds))
        for name, value in medians.items():
            print('  %-55s median CPU %.3f s  (min %.3f, max %.3f)' %
                  (name, value, min(times[name]), max(times[name])))
        print('  findings per round: %d' % (findings // args.rounds))
        # clang-tidy's own accounting of the time spent in the check's matchers
        # and callbacks, next to the whole run.
        in_check = 0.0
        for unit in units:
            run = subprocess.run([args.tidy, '--quiet', '--checks=-*,' + CHECK,
                                  '--enable-check-profile', unit] + flags,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for line in run.stdout.splitlines():
                if line.strip().endswith(CHECK) and '%' in line:
                    in_check += float(line.split()[4])
        print('  time inside the check (--enable-check-profile, user+system): %.3f s, '
              '%.1f%% of the plain run' % (in_check, 100 * in_check / plain))
        print('ratio failguard/plain: %.3fx (target <= 1.05x)' % (failguard / plain))
        print('ratio failguard/%s: %.3fx (target <= 1.05x)' % (PEER_CHECK, failguard / peer))


if __name__ == '__main__':
    main()
