namespace Descent.Distributed;

/// <summary>
/// The Lua scripts that change a study. Each runs atomically on the server, so two workers can never claim the same
/// queued trial, a lost trial is re-queued once per lost lease, and a result is written once. Times come from the
/// server's clock (<c>TIME</c>), so workers on machines whose clocks disagree still agree on leases. ARGV[1] is the
/// study's key prefix.
/// </summary>
internal static class StudyScripts
{
    /// <summary>Creates the study if it does not exist: ARGV[2] the definition, then pairs of trial id and configuration.</summary>
    public const string Create = """
        local p = ARGV[1]
        local existing = redis.call('GET', p .. 'definition')
        if existing then return existing end
        redis.call('SET', p .. 'definition', ARGV[2])
        for i = 3, #ARGV, 2 do
          redis.call('HSET', p .. 'configs', ARGV[i], ARGV[i + 1])
          redis.call('RPUSH', p .. 'queue', ARGV[i])
        end
        redis.call('SADD', 'descent:studies', p)
        return false
        """;

    // Re-queues the trials whose lease ran out; shared by the claim script.
    private const string Reclaim = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. 'running', '-inf', now)) do
          redis.call('ZREM', p .. 'running', id)
          redis.call('HDEL', p .. 'owner', id)
          if redis.call('HEXISTS', p .. 'results', id) == 0 and redis.call('HEXISTS', p .. 'failed', id) == 0 then
            redis.call('LPUSH', p .. 'queue', id)
            redis.call('HINCRBY', p .. 'requeued', id, 1)
          end
        end
        """;

    /// <summary>
    /// Claims a trial for ARGV[2] (the worker) with a lease of ARGV[3] ms: first a successive-halving promotion (ARGV[4]
    /// rungs, reduction ARGV[5]) from the highest rung that has one, else the head of the queue. Returns the trial's id,
    /// or false when there is nothing to do.
    /// </summary>
    public const string Claim = "local p = ARGV[1]\n" + Reclaim + "\n" + """
        local function take(id)
          redis.call('ZADD', p .. 'running', now + tonumber(ARGV[3]), id)
          redis.call('HSET', p .. 'owner', id, ARGV[2])
          redis.call('HINCRBY', p .. 'runs', id, 1)
          return id
        end
        local eta = tonumber(ARGV[5])
        for k = tonumber(ARGV[4]) - 2, 0, -1 do
          local members = redis.call('ZRANGE', p .. 'rung:' .. k, 0, -1)
          for i = 1, math.floor(#members / eta) do
            local c = members[i]
            if redis.call('SISMEMBER', p .. 'promoted:' .. k, c) == 0 then
              redis.call('SADD', p .. 'promoted:' .. k, c)
              return take(c .. '.' .. (k + 1))
            end
          end
        end
        while true do
          local id = redis.call('LPOP', p .. 'queue')
          if not id then return false end
          if redis.call('HEXISTS', p .. 'results', id) == 0 and redis.call('HEXISTS', p .. 'failed', id) == 0 then
            return take(id)
          end
        end
        """;

    /// <summary>Whether a promotion is waiting (ARGV[2] rungs, reduction ARGV[3]); changes nothing.</summary>
    public const string Promotable = """
        local p = ARGV[1]
        local eta = tonumber(ARGV[3])
        for k = tonumber(ARGV[2]) - 2, 0, -1 do
          local members = redis.call('ZRANGE', p .. 'rung:' .. k, 0, -1)
          for i = 1, math.floor(#members / eta) do
            if redis.call('SISMEMBER', p .. 'promoted:' .. k, members[i]) == 0 then return 1 end
          end
        end
        return 0
        """;

    /// <summary>Extends ARGV[2]'s lease by ARGV[4] ms while ARGV[3] still owns it; 1 if it does.</summary>
    public const string Heartbeat = """
        local p = ARGV[1]
        if redis.call('HGET', p .. 'owner', ARGV[2]) ~= ARGV[3] then return 0 end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZADD', p .. 'running', 'XX', now + tonumber(ARGV[4]), ARGV[2])
        return 1
        """;

    /// <summary>
    /// Writes trial ARGV[2]'s result ARGV[3] into hash ARGV[4] (<c>results</c> or <c>failed</c>) unless one is there, and
    /// then, for a successive-halving result, enters configuration ARGV[5] into rung ARGV[6] with sort key ARGV[7].
    /// Returns 1 if this call wrote the result, 0 if it was there already.
    /// </summary>
    public const string Finish = """
        local p = ARGV[1]
        local id = ARGV[2]
        if redis.call('HEXISTS', p .. 'results', id) == 1 or redis.call('HEXISTS', p .. 'failed', id) == 1 then
          return 0
        end
        redis.call('HSET', p .. ARGV[4], id, ARGV[3])
        if ARGV[6] ~= '' then
          redis.call('ZADD', p .. 'rung:' .. ARGV[6], ARGV[7], ARGV[5])
        end
        redis.call('ZREM', p .. 'running', id)
        redis.call('HDEL', p .. 'owner', id)
        return 1
        """;
}
