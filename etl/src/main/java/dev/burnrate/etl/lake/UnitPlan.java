package dev.burnrate.etl.lake;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * Unit planning: the folder moves that publish a run's staged units over the live lake. A live unit
 * that is replaced first moves aside (to a folder the ingest names: lake/replaced keeps the cost
 * lake's earlier versions), then the staged unit moves in. Nothing moves until {@link
 * LakeRun#publish}, which carries the moves out under the publisher's journal.
 */
public final class UnitPlan {
  private final LakePublisher publisher;
  private final List<LakePublisher.Move> moves = new ArrayList<>();

  UnitPlan(LakePublisher publisher) {
    this.publisher = publisher;
  }

  /**
   * What publishing a fingerprinted unit does.
   *
   * @param previousRunId the run that published the live version, null when there was none
   */
  public record Planned(UnitAction action, String previousRunId) {}

  /**
   * A unit whose folder says what it holds ({@code _unit.json}): left as it is when the live
   * version has the same fingerprint, else published, the live version (if any) moved to {@code
   * aside}.
   *
   * @param files the input files the unit's rows come from
   */
  public Planned fingerprinted(
      Path staged, Path live, Path aside, String runId, String fingerprint, List<String> files) {
    LakePublisher.UnitInfo previous = publisher.readUnit(live);
    String previousRunId = previous == null ? null : previous.runId();
    if (previous != null && previous.fingerprint().equals(fingerprint)) {
      return new Planned(UnitAction.UNCHANGED, previousRunId);
    }
    publisher.writeUnit(staged, new LakePublisher.UnitInfo(runId, fingerprint, files));
    return new Planned(move(staged, live, aside, previous != null), previousRunId);
  }

  /** A unit published whenever it is staged, the live version (if any) moved to {@code aside}. */
  public UnitAction replacing(Path staged, Path live, Path aside) {
    return move(staged, live, aside, publisher.exists(live));
  }

  private UnitAction move(Path staged, Path live, Path aside, boolean replacing) {
    if (replacing) {
      moves.add(new LakePublisher.Move(live.toString(), aside.toString()));
    }
    moves.add(new LakePublisher.Move(staged.toString(), live.toString()));
    return replacing ? UnitAction.REPLACED : UnitAction.NEW;
  }

  List<LakePublisher.Move> moves() {
    return moves;
  }
}
