// A container record in the shapes of the Docker API: the inspect document and the list entry.
import type { ContainerConfig, ContainerRecord } from '../../store/record';
import { mountViews } from '../../core/mounts';
import { healthSuffix } from '../../core/health-config';
import { portSummary } from '../../network/ports';
import { networkSettingsView } from '../../network/views';
import type { NetworkFiles } from '../../network/files';
import { hostConfigInspectView } from './hostconfig-view';

function humanDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.round(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

/** The STATUS column of `docker ps`. */
export function statusText(r: ContainerRecord, now = Date.now()): string {
  const s = r.State;
  switch (s.Status) {
    case 'running':
      return `Up ${humanDuration(now - Date.parse(s.StartedAt))}${healthSuffix(s.Health)}`;
    case 'paused':
      return `Up ${humanDuration(now - Date.parse(s.StartedAt))} (Paused)`;
    case 'restarting':
      return `Restarting (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'exited':
      return `Exited (${s.ExitCode}) ${humanDuration(now - Date.parse(s.FinishedAt))} ago`;
    case 'created':
      return 'Created';
  }
}

function quoteArg(a: string): string {
  return /[\s"']/.test(a) ? JSON.stringify(a) : a;
}

export function summary(r: ContainerRecord): object {
  return {
    Id: r.Id,
    Names: [`/${r.Name}`],
    Image: r.Config.Image,
    ImageID: r.Image,
    Command: [r.Path, ...r.Args].map(quoteArg).join(' '),
    Created: Math.floor(Date.parse(r.Created) / 1000),
    Ports: portSummary(r.Ports),
    Labels: r.Config.Labels,
    State: r.State.Status,
    Status: statusText(r),
    HostConfig: { NetworkMode: r.HostConfig.NetworkMode },
    NetworkSettings: { Networks: networkSettingsView(r).Networks },
    Mounts: mountViews(r.MountPoints),
  };
}

/** Config.Healthcheck in Go's field order; its fields are all `omitempty`. */
function healthcheckView(h: NonNullable<ContainerConfig['Healthcheck']>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (h.Test?.length) out.Test = h.Test;
  for (const key of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) if (h[key]) out[key] = h[key];
  return out;
}

/** inspect's Config: Docker's container Config struct in its order, `omitempty` fields only when set. */
export function configView(c: ContainerConfig): Record<string, unknown> {
  return {
    Hostname: c.Hostname,
    Domainname: c.Domainname,
    User: c.User,
    AttachStdin: c.AttachStdin,
    AttachStdout: c.AttachStdout,
    AttachStderr: c.AttachStderr,
    ...(c.ExposedPorts && Object.keys(c.ExposedPorts).length > 0 ? { ExposedPorts: c.ExposedPorts } : {}),
    Tty: c.Tty,
    OpenStdin: c.OpenStdin,
    StdinOnce: c.StdinOnce,
    Env: c.Env,
    Cmd: c.Cmd,
    ...(c.Healthcheck ? { Healthcheck: healthcheckView(c.Healthcheck) } : {}),
    Image: c.Image,
    Volumes: c.Volumes ?? null,
    WorkingDir: c.WorkingDir,
    Entrypoint: c.Entrypoint,
    OnBuild: null,
    Labels: c.Labels,
    ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
    ...(c.StopTimeout != null ? { StopTimeout: c.StopTimeout } : {}),
  };
}

export function inspect(r: ContainerRecord, execIds: string[] = [], sandboxKey = '', files?: NetworkFiles): object {
  const s = r.State;
  return {
    Id: r.Id,
    Created: r.Created,
    Path: r.Path,
    Args: r.Args,
    State: {
      Status: s.Status,
      // Docker counts a container waiting for its restart as running.
      Running: s.Status === 'running' || s.Status === 'paused' || s.Status === 'restarting',
      Paused: s.Status === 'paused',
      Restarting: s.Status === 'restarting',
      OOMKilled: false,
      Dead: s.Status === 'dead',
      Pid: s.Pid,
      ExitCode: s.ExitCode,
      Error: s.Error,
      StartedAt: s.StartedAt,
      FinishedAt: s.FinishedAt,
      ...(s.Health ? { Health: s.Health } : {}),
    },
    Image: r.Image,
    ResolvConfPath: files?.resolv ?? '',
    HostnamePath: files?.hostname ?? '',
    HostsPath: files?.hosts ?? '',
    LogPath: r.LogPath,
    Name: `/${r.Name}`,
    RestartCount: r.RestartCount,
    Driver: 'overlayfs',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: execIds.length > 0 ? execIds : null,
    HostConfig: hostConfigInspectView(r.HostConfig),
    GraphDriver: { Data: null, Name: 'overlayfs' },
    Mounts: mountViews(r.MountPoints),
    Config: configView(r.Config),
    NetworkSettings: networkSettingsView(r, sandboxKey),
  };
}
