# seam as a container image, for GitLab CI, Jenkins and any CI that runs jobs in containers.
#   docker build -t seam .
#   docker run --rm -v "$PWD:/repo" seam seam check /repo
# Stage 1 builds a static binary (musl, no libc needed); stage 2 is a small Alpine image with a
# shell (GitLab and Jenkins run their job scripts through one) and git (to deepen a shallow
# clone for `--against`), running as an unprivileged user.
ARG RUST_VERSION=1.88
ARG ALPINE_VERSION=3.22

FROM rust:${RUST_VERSION}-alpine AS build
# Alpine's branch pins the package versions; pinning patch releases here would break the build
# on every Alpine security update.
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
ENV RUSTFLAGS="-C target-feature=+crt-static"
RUN cargo build --release --locked --bin seam \
    && install -m 0755 target/release/seam /usr/local/bin/seam \
    && /usr/local/bin/seam --version

FROM alpine:${ALPINE_VERSION}
# hadolint ignore=DL3018
RUN apk add --no-cache git \
    && adduser -D -u 10001 -s /sbin/nologin seam
COPY --from=build /usr/local/bin/seam /usr/local/bin/seam
USER 10001:10001
ENV HOME=/home/seam
WORKDIR /repo
# No ENTRYPOINT: CI systems start the container with their own shell command.
CMD ["seam", "--help"]
