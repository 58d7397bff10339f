# Container image: the release binary on debian:bookworm-slim, run as a non-root user.
#   docker build -t ingress-migrate .
#   docker run --rm -v "$PWD:/work" ingress-migrate convert -f deploy/
# The build stage compiles from Debian packages only (scripts/install-deps);
# the runtime stage holds nothing but glibc and the binary (libstdc++,
# yaml-cpp and re2 are linked into it statically, see CMakeLists.txt).
FROM debian:bookworm AS build
COPY . /src
RUN /src/scripts/install-deps \
 && cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIM_BUILD_TESTS=OFF \
 && cmake --build /build --target ingress-migrate-static

FROM debian:bookworm-slim
COPY --from=build /build/ingress-migrate-static /usr/local/bin/ingress-migrate
COPY --from=build /src/LICENSE /usr/share/doc/ingress-migrate/LICENSE
# A fixed numeric user, so that Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/ingress-migrate"]
CMD ["--help"]
