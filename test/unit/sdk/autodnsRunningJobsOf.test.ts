// What one running-jobs search by many names can vouch for (pure code: the search answer is given).
import { expect } from "chai";
import { AutodnsRenewJobSearch } from "../../../sdk/autodns/renewJobSearch";
import { AUTODNS_JOB_SEARCH_LIMIT } from "../../../sdk/autodns/jobs";
import type { AutodnsCertificateList, AutodnsJob } from "../../../sdk/autodns/types";

/** A search that answers `jobs` to every running-jobs search by name. */
class Answering extends AutodnsRenewJobSearch {
  asked: { names: string[]; limit: number }[] = [];
  constructor(private readonly jobs: AutodnsJob[]) {
    super();
  }
  protected searchRenewJobs(): Promise<AutodnsJob[]> {
    throw new Error("not used");
  }
  inRequestSlot<T>(compose: () => Promise<T>): Promise<T> {
    return compose();
  }
  jobsById(): Promise<AutodnsJob[]> {
    throw new Error("not used");
  }
  protected listCertificates(): Promise<AutodnsCertificateList> {
    throw new Error("not used");
  }
  protected searchRunningJobsOf(names: string[], limit: number): Promise<AutodnsJob[]> {
    this.asked.push({ names, limit });
    return Promise.resolve(this.jobs);
  }
}

const job = (id: string, objectValue?: string): AutodnsJob => ({
  id,
  status: "RUNNING",
  action: "renew",
  ...(objectValue === undefined ? {} : { objectValue }),
});

describe("AutoDNS running jobs of many certificates (runningJobsOf)", () => {
  it("answers every name asked, by lower-cased name, in one search of the job list's page", async () => {
    const search = new Answering([job("1", "Shop.Example.com"), job("2", "other.example.com")]);
    const answer = await search.runningJobsOf(["shop.example.com", "idle.example.com"]);
    expect(search.asked).to.deep.equal([
      { names: ["shop.example.com", "idle.example.com"], limit: AUTODNS_JOB_SEARCH_LIMIT },
    ]);
    expect([...answer!].map(([name, jobs]) => [name, jobs.map((j) => j.id)])).to.deep.equal([
      ["shop.example.com", ["1"]],
      ["idle.example.com", []],
    ]);
  });

  it("vouches for none when the answer fills the page: more jobs may exist", async () => {
    const full = Array.from({ length: AUTODNS_JOB_SEARCH_LIMIT }, (_, i) => job(String(i), "a.example.com"));
    expect(await new Answering(full).runningJobsOf(["a.example.com", "b.example.com"])).to.equal(undefined);
    expect(await new Answering(full.slice(1)).runningJobsOf(["b.example.com"])).to.not.equal(undefined);
  });

  it("vouches for none when a job names no certificate: it could be any of them", async () => {
    expect(await new Answering([job("1")]).runningJobsOf(["a.example.com"])).to.equal(undefined);
  });
});
